# Contas: cadastro, entrada, perfil, e-mails.
field-name = Nome e sobrenome
field-email = E-mail
field-password = Senha
help-password = Pelo menos 10 caracteres. Uma frase curta que você consiga lembrar é uma boa senha.
field-country = País
field-organisation = Organização ou instituição
field-actor_type = Tipo de ator
field-lang = Idioma preferido
register-title = Criar uma conta
register-lead = Com uma conta, você pode registrar experiências, atualizá-las e participar dos intercâmbios. Os dados de contato não são publicados.
register-submit = Criar a conta
register-have-account = Já tem uma conta? Entrar
login-title = Entrar
login-submit = Entrar
login-forgot = Esqueci minha senha
profile-title = Minha conta
profile-data = Meus dados
profile-save = Salvar meus dados
profile-confirm-pending = Enviamos um link para { $email } para confirmar seu e-mail. Até confirmá-lo, você pode preparar fichas, mas não publicá-las.
profile-resend = Enviar o link de novo
forgot-title = Recuperar a senha
forgot-lead = Escreva o e-mail da sua conta e enviaremos um link para você escolher uma senha nova.
forgot-submit = Enviar o link
forgot-sent = Se houver uma conta com esse e-mail, enviamos um link para ele. Verifique também a pasta de spam.
reset-title = Escolher uma senha nova
reset-submit = Salvar a senha
error-name-required = Escreva seu nome.
error-password-required = Escreva uma senha.
error-password-short = A senha deve ter pelo menos 10 caracteres.
error-login-failed = O e-mail ou a senha não conferem. Revise os dados e tente de novo.
error-login-suspended = Esta conta está suspensa: não é possível entrar por enquanto. Se achar que é um erro, escreva à administração do site.
error-country-unknown = Escolha um país da lista.
notice-welcome = Boas-vindas ao Ayni! Seu e-mail foi confirmado: você já pode publicar fichas e participar dos fóruns.
notice-profile-saved = Seus dados foram salvos.
notice-email-confirmed = Seu e-mail foi confirmado. Agora você já pode publicar fichas.
notice-confirmation-sent = Enviamos de novo o link de confirmação.
notice-password-changed = Sua senha foi alterada. Entre com a nova senha.
token-invalid-title = Este link não é mais válido
token-invalid-body = O link já foi usado ou expirou. Você pode pedir um novo na sua conta ou em “Esqueci minha senha”.
mail-confirm-subject = Confirme seu e-mail no Ayni
mail-confirm-body =
    Olá,

    Para confirmar seu e-mail no Ayni, abra este link:
    { $link }

    Se você não criou uma conta, ignore esta mensagem.
mail-reset-subject = Escolher uma senha nova no Ayni
mail-reset-body =
    Olá,

    Para escolher uma senha nova no Ayni, abra este link (válido por uma hora):
    { $link }

    Se você não fez esse pedido, ignore esta mensagem: sua senha não muda.
register-sent-title = Confira seu e-mail
register-sent-body = Enviamos uma mensagem para o endereço que você escreveu. Abra o link da mensagem para confirmar seu e-mail e entrar. Se não chegar em alguns minutos, confira a pasta de spam.
mail-account-exists-subject = Você já tem uma conta no Ayni
mail-account-exists-body =
    Olá,

    Alguém, talvez você, quis criar uma conta no Ayni com este e-mail, mas você já tem uma.
    Para entrar: { $login }
    Se não lembra a senha: { $reset }

    Se não foi você, ignore esta mensagem: sua conta não mudou.
login-to-send = Para enviar o que você escreveu é preciso entrar (sua sessão terminou ou você ainda não tinha entrado). Nada se perdeu: entre e poderá enviá-lo.
resend-title = O que você escreveu não se perdeu
resend-lead = Você entrou. Revise o que escreveu e envie de novo com o botão.
resend-submit = Enviar de novo
