# Accounts: registration, sign-in, profile, e-mails.
field-name = Nombre y apellido
field-email = Correo electrónico
field-password = Contraseña
help-password = Al menos 10 caracteres. Una frase corta que recuerde es una buena contraseña.
field-country = País
field-organisation = Organización o institución
field-actor_type = Tipo de actor
field-lang = Idioma preferido
register-title = Crear una cuenta
register-lead = Con una cuenta puede registrar experiencias, actualizarlas y participar en los intercambios. Los datos de contacto no se publican.
register-submit = Crear la cuenta
register-have-account = ¿Ya tiene cuenta? Entrar
login-title = Entrar
login-submit = Entrar
login-forgot = Olvidé mi contraseña
profile-title = Mi cuenta
profile-data = Mis datos
profile-save = Guardar mis datos
profile-confirm-pending = Le enviamos un enlace a { $email } para confirmar su correo. Hasta confirmarlo puede preparar fichas, pero no publicarlas.
profile-resend = Enviar de nuevo el enlace
forgot-title = Recuperar la contraseña
forgot-lead = Escriba el correo de su cuenta y le enviaremos un enlace para elegir una contraseña nueva.
forgot-submit = Enviar el enlace
forgot-sent = Si hay una cuenta con ese correo, le enviamos un enlace. Revise también la carpeta de correo no deseado.
reset-title = Elegir una contraseña nueva
reset-submit = Guardar la contraseña
error-name-required = Escriba su nombre.
error-password-required = Escriba una contraseña.
error-password-short = La contraseña debe tener al menos 10 caracteres.
error-login-failed = El correo o la contraseña no coinciden. Revise los datos e inténtelo de nuevo.
error-login-suspended = Esta cuenta está suspendida: no puede entrar por ahora. Si cree que es un error, escriba a la administración del sitio.
error-country-unknown = Elija un país de la lista.
notice-welcome = ¡Bienvenida o bienvenido a Ayni! Su correo quedó confirmado: ya puede publicar fichas y participar en los foros.
notice-profile-saved = Sus datos se guardaron.
notice-email-confirmed = Su correo quedó confirmado. Ya puede publicar fichas.
notice-confirmation-sent = Le enviamos de nuevo el enlace de confirmación.
notice-password-changed = Su contraseña se cambió. Entre con la nueva contraseña.
token-invalid-title = Este enlace ya no es válido
token-invalid-body = El enlace se usó antes o caducó. Puede pedir uno nuevo desde su cuenta o desde «Olvidé mi contraseña».
mail-confirm-subject = Confirme su correo en Ayni
mail-confirm-body =
    Hola:

    Para confirmar su correo en Ayni, abra este enlace:
    { $link }

    Si usted no creó una cuenta, ignore este mensaje.
mail-reset-subject = Elegir una contraseña nueva en Ayni
mail-reset-body =
    Hola:

    Para elegir una contraseña nueva en Ayni, abra este enlace (vale una hora):
    { $link }

    Si usted no lo pidió, ignore este mensaje: su contraseña no cambia.
register-sent-title = Revise su correo
register-sent-body = Le enviamos un mensaje a la dirección que escribió. Abra el enlace del mensaje para confirmar su correo y entrar. Si no llega en unos minutos, revise la carpeta de correo no deseado.
mail-account-exists-subject = Ya tiene una cuenta en Ayni
mail-account-exists-body =
    Hola:

    Alguien, quizás usted, quiso crear una cuenta en Ayni con este correo, pero ya tiene una.
    Para entrar: { $login }
    Si no recuerda la contraseña: { $reset }

    Si no fue usted, ignore este mensaje: su cuenta no cambió.
login-to-send = Para enviar lo que escribió hay que entrar (su sesión terminó o aún no había entrado). No se perdió: entre y podrá enviarlo.
resend-title = Lo que escribió no se perdió
resend-lead = Ya entró. Revise lo que escribió y envíelo de nuevo con el botón.
resend-submit = Enviar de nuevo
