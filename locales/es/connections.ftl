# Conexiones: personas, ofertas y búsquedas, solicitudes de intercambio, mensajes.

nav-people = Personas
nav-messages = Mensajes
error-required = Este campo es obligatorio.
error-choose-one = Elija una opción.
error-one-line = Escríbalo en una sola línea.

## Perfiles y directorio
people-title = Personas
people-intro = Personas de equipos municipales, organizaciones y comunidades que eligieron aparecer aquí para encontrarse e intercambiar. Cada cual decide qué muestra.
people-any = Todos
people-filter = Filtrar
people-clear = Quitar filtros
people-count = { $count ->
    [one] { $count } persona
   *[other] { $count } personas
}
profile-languages = Idiomas
profile-sheets = Experiencias en las que participa
profile-role-owner = responsable de la ficha
profile-role-coeditor = coeditor/a
profile-activity = En los foros
profile-posts = { $count ->
    [one] { $count } aporte en los foros
   *[other] { $count } aportes en los foros
}
profile-edit = Editar mi perfil público
profile-public-title = Perfil público
profile-public-intro = Su nombre y su país siempre son visibles. Todo lo demás aparece solo si lo marca aquí. Su correo nunca se muestra: solo lo ve la otra parte de un intercambio aceptado.
profile-show-legend = Qué muestro
profile-listed = Aparecer en el directorio de personas
profile-show-organisation = Mostrar mi organización
profile-show-actor = Mostrar el tipo de actor
profile-show-sheets = Mostrar las experiencias en las que participo
profile-show-activity = Mostrar mi actividad en los foros
profile-bio = Presentación breve
profile-bio-help = Quién es, qué hace su equipo, qué le interesa intercambiar. Hasta 1000 caracteres.
profile-contact = Contacto para intercambios aceptados
profile-contact-help = Lo verá solo la otra parte cuando acepten un intercambio (un teléfono, un correo de la organización…). Si lo deja vacío, verá su correo de la cuenta.
profile-preview = Así lo ven los demás
profile-preview-help = Vista de lo guardado:
notice-public-profile-saved = Perfil guardado.

## Ofertas y búsquedas
offers-title = Qué compartimos y qué buscamos
offers-intro = Diga en pocas palabras qué puede compartir su experiencia y qué busca aprender. Sirve para que otras experiencias les encuentren y para sugerirles intercambios.
offers-heading-offer = Qué podemos compartir
offers-heading-need = Qué buscamos aprender
offers-none = Todavía nada.
offers-remove = Quitar
offers-from-section = viene de «{ $section }»
offers-add = Agregar
offers-direction = Es algo que…
offers-theme = Tema
offers-body = En pocas palabras
offers-body-help = Por ejemplo: «Cómo organizamos el turismo comunitario con las familias». Hasta 300 caracteres.
offers-section = Sección de la ficha de la que viene (opcional)
offers-section-none = Ninguna en particular
offers-add-button = Agregar
offers-error-too-many = Ya hay 8 en esta lista: quite una antes de agregar otra.
notice-offer-added = Agregado.
notice-offer-removed = Quitado.
cooperation-title = Cooperación
cooperation-legend = Esta experiencia busca cooperación…
cooperation-technical = técnica
cooperation-financial = financiera
cooperation-south_south = entre pares (Sur-Sur)
cooperation-seeks = Busca cooperación
cooperation-save = Guardar
notice-cooperation-saved = Guardado.
sheet-exchange-title = Intercambio
match-title = Quiénes responden a esto
match-they-offer = ofrece
match-they-seek = busca
match-reason-theme = Mismo tema: { $theme }
match-reason-words = Palabras en común: { $words }
propose-exchange = Proponer un intercambio
propose-exchange-help = El equipo recibe su propuesta; su correo no se muestra hasta que la acepten.
facet-intercambio = Intercambio
facet-intercambio-ofrece = Ofrece algo para compartir
facet-intercambio-busca = Busca aprender algo
facet-cooperacion = Busca cooperación
suggestions-title = Sugerencias para sus experiencias
suggestions-none = Sin sugerencias por ahora. Complete qué comparten y qué buscan para recibir más.
suggestions-dismiss = No me interesa
notice-suggestion-dismissed = No volverá a ver esa sugerencia.

## Solicitudes de intercambio
ask-title = Proponer un intercambio
ask-intro = Con el equipo de «{ $title }».
ask-suggested = Motivo sugerido (según quien propone)
ask-from = Desde mi experiencia (opcional)
ask-from-none = Ninguna en particular
ask-purpose = Qué esperan aprender u ofrecer
ask-purpose-help = Cuénteles quiénes son y qué les gustaría intercambiar. Hasta 1000 caracteres.
ask-ways = Cómo
ask-privacy = El equipo verá su nombre y este mensaje. Su contacto se comparte solo si aceptan.
ask-send = Enviar la propuesta
way-conversation = conversación por escrito
way-video = videollamada
way-visit = visita
way-documents = intercambio de documentos
exchange-error-not-published = Solo se puede proponer un intercambio a una experiencia publicada.
exchange-error-own-sheet = Es una experiencia de su propio equipo.
exchange-error-blocked = El equipo de esta experiencia no recibe propuestas suyas.
exchange-error-open = Ya tiene una propuesta esperando respuesta de este equipo.
ask-see-waiting = Ver la propuesta que espera respuesta
ask-not-sent = Lo que escribió (no se envió)
ask-not-sent-help = Cópielo si quiere usarlo: podrá escribirlo en la conversación cuando el equipo responda, o retirar la propuesta que espera y enviar una nueva.
exchange-error-answered = Esta propuesta ya fue respondida.
exchange-error-withdrawn = Esta propuesta fue retirada por quien la envió.
exchange-error-proposal = Escriba qué propone en su lugar.
exchange-error-ways = Elija al menos una forma de intercambio.
exchange-error-too-many = Envió muchas propuestas hoy. Vuelva a intentarlo mañana.
exchanges-title = Intercambios
exchanges-incoming = Propuestas recibidas
exchanges-outgoing = Propuestas enviadas
exchanges-none-incoming = Todavía no recibieron propuestas.
exchanges-none-outgoing = Todavía no envió propuestas.
exchanges-find = Buscar experiencias
exchange-title = Propuesta de intercambio
exchange-from = De
exchange-to = Para
exchange-when = Enviada
exchange-answer = Respuesta
exchange-contacts = Contacto de la otra parte
exchange-open-conversation = Ir a la conversación
exchange-answer-title = Responder
exchange-answer-message = Mensaje (opcional para aceptar o declinar; necesario para proponer otra cosa)
exchange-answer-help = Una respuesta amable ayuda aunque declinen.
exchange-accept = Aceptar
exchange-propose = Proponer otra cosa
exchange-decline = Declinar
exchange-accept-proposal = Aceptar lo que proponen
exchange-withdraw = Retirar la propuesta
exchange-trouble = ¿Algún problema?
exchange-block-help = Bloquear impide que esta persona vuelva a proponer intercambios a esta experiencia.
exchange-block = Bloquear a esta persona
exchange-report-reason = Contar a las personas facilitadoras qué pasó
exchange-report = Denunciar un abuso
exchange-state-pending = Esperando respuesta
exchange-state-proposed = Propusieron otra cosa
exchange-state-accepted = Aceptada
exchange-state-declined = Declinada
exchange-state-withdrawn = Retirada
notice-request-sent = Propuesta enviada. El equipo recibió un aviso.
notice-request-answered = Respuesta enviada.
notice-request-accepted = Intercambio aceptado: ya pueden conversar.
notice-request-withdrawn = Propuesta retirada.
notice-request-blocked = Persona bloqueada para esta experiencia.
notice-request-reported = Gracias: las personas facilitadoras lo revisarán.
reports-title = Denuncias de abuso
reports-none = No hay denuncias.
reports-handled = atendida
reports-mark-handled = Marcar como atendida
notice-report-handled = Marcada como atendida.

## Conversaciones
messages-intro = Conversaciones privadas de los intercambios aceptados.
messages-none = Todavía no tiene conversaciones. Empiezan cuando se acepta un intercambio.
messages-unread = { $count ->
    [one] { $count } sin leer
   *[other] { $count } sin leer
}
messages-closed = cerrada
messages-private = Solo las personas de ambos equipos leen esta conversación.
messages-members = Quiénes participan
messages-add-person = Sumar a alguien que coedita una de sus fichas (correo de su cuenta en Ayni)
messages-add = Sumar
messages-leave = Salir de la conversación
messages-block = Bloquear y cerrar
messages-older = Mensajes anteriores
messages-newer = Mensajes más recientes
messages-empty = Todavía no hay mensajes. Escriban el primero.
messages-closed-help = Esta conversación está cerrada: nadie puede escribir en ella.
messages-not-sent = Su mensaje no se envió; aquí está lo que escribió, para copiarlo.
messages-write = Escribir
messages-body = Mensaje
messages-body-help = Puede usar Markdown: **negrita**, listas, enlaces. Hasta 5000 caracteres.
messages-file = Adjuntar un archivo (opcional)
messages-send = Enviar
messages-error-closed = Esta conversación está cerrada.
notice-member-added = Persona sumada a la conversación.
notice-conversation-closed = Conversación cerrada: la otra parte ya no puede escribir aquí ni proponer intercambios a su experiencia de esta conversación.
notice-conversation-left = Salió de la conversación.

## Avisos
notify-kind-exchange = Propuestas de intercambio
notify-kind-message = Mensajes
notify-line-message = { $name } le escribió en { $where }
notify-line-exchange-pending = { $name } propone un intercambio con { $where }
notify-line-exchange-proposed = { $name } propone otra cosa para el intercambio con { $where }
notify-line-exchange-accepted = { $name } aceptó el intercambio con { $where }
notify-line-exchange-declined = { $name } declinó el intercambio con { $where }
notify-line-exchange-withdrawn = { $name } retiró la propuesta de intercambio con { $where }

## Idiomas
language-es = español
language-pt = portugués
language-en = inglés
language-fr = francés
language-qu = quechua
language-ay = aymara
language-gn = guaraní
language-ht = criollo haitiano
language-nl = neerlandés

messages-error-not-team = Solo puede sumar a personas que coeditan alguna de sus fichas y no participan ya del otro lado. Invítela antes como coeditora.
exchange-error-not-proposed = El otro equipo no propuso otra cosa: no hay nada que aceptar todavía.
upload-empty-file = El archivo está vacío. Elija otro o envíe el mensaje sin archivo.
messages-error-too-many = Envió muchos mensajes seguidos. Espere unos minutos: lo que escribió sigue aquí.
exchange-error-no-team = Nadie puede responder por esta experiencia ahora (su equipo ya no está en Ayni).
exchange-error-asker-gone = Quien propuso este intercambio ya no tiene una cuenta activa: no se puede aceptar.
