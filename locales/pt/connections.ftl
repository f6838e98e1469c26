# Conexões: pessoas, ofertas e buscas, solicitações de intercâmbio, mensagens.

nav-people = Pessoas
nav-messages = Mensagens
error-required = Este campo é obrigatório.
error-choose-one = Escolha uma opção.
error-one-line = Escreva em uma única linha.

## Perfis e diretório
people-title = Pessoas
people-intro = Pessoas de equipes municipais, organizações e comunidades que escolheram aparecer aqui para se encontrar e trocar experiências. Cada pessoa decide o que mostra.
people-any = Todos
people-filter = Filtrar
people-clear = Limpar filtros
people-count = { $count ->
    [one] { $count } pessoa
   *[other] { $count } pessoas
}
profile-languages = Idiomas
profile-sheets = Experiências das quais participa
profile-role-owner = responsável pela ficha
profile-role-coeditor = coeditor(a)
profile-activity = Nos fóruns
profile-posts = { $count ->
    [one] { $count } contribuição nos fóruns
   *[other] { $count } contribuições nos fóruns
}
profile-edit = Editar meu perfil público
profile-public-title = Perfil público
profile-public-intro = Seu nome e seu país são sempre visíveis. Todo o resto aparece somente se você marcar aqui. Seu e-mail nunca é mostrado: só a outra parte de um intercâmbio aceito o vê.
profile-show-legend = O que eu mostro
profile-listed = Aparecer no diretório de pessoas
profile-show-organisation = Mostrar minha organização
profile-show-actor = Mostrar o tipo de ator
profile-show-sheets = Mostrar as experiências das quais participo
profile-show-activity = Mostrar minha atividade nos fóruns
profile-bio = Apresentação breve
profile-bio-help = Quem você é, o que sua equipe faz, o que você tem interesse em trocar. Até 1000 caracteres.
profile-contact = Contato para intercâmbios aceitos
profile-contact-help = Somente a outra parte verá este contato quando um intercâmbio for aceito (um telefone, um e-mail da organização…). Se você deixar em branco, ela verá o e-mail da sua conta.
profile-preview = Assim as outras pessoas veem você
profile-preview-help = Visualização do que foi salvo:
notice-public-profile-saved = Perfil salvo.

## Ofertas e buscas
offers-title = O que compartilhamos e o que buscamos
offers-intro = Diga em poucas palavras o que sua experiência pode compartilhar e o que busca aprender. Isso ajuda outras experiências a encontrar vocês e nos permite sugerir intercâmbios.
offers-heading-offer = O que podemos compartilhar
offers-heading-need = O que buscamos aprender
offers-none = Ainda nada.
offers-remove = Remover
offers-from-section = vem de «{ $section }»
offers-add = Adicionar
offers-direction = É algo que…
offers-theme = Tema
offers-body = Em poucas palavras
offers-body-help = Por exemplo: «Como organizamos o turismo comunitário com as famílias». Até 300 caracteres.
offers-section = Seção da ficha de onde vem (opcional)
offers-section-none = Nenhuma em particular
offers-add-button = Adicionar
offers-error-too-many = Já há 8 itens nesta lista: remova um antes de adicionar outro.
notice-offer-added = Adicionado.
notice-offer-removed = Removido.
cooperation-title = Cooperação
cooperation-legend = Esta experiência busca cooperação…
cooperation-technical = técnica
cooperation-financial = financeira
cooperation-south_south = entre pares (Sul-Sul)
cooperation-seeks = Busca cooperação
cooperation-save = Salvar
notice-cooperation-saved = Salvo.
sheet-exchange-title = Intercâmbio
match-title = Quem responde a isto
match-they-offer = oferece
match-they-seek = busca
match-reason-theme = Mesmo tema: { $theme }
match-reason-words = Palavras em comum: { $words }
propose-exchange = Propor um intercâmbio
propose-exchange-help = A equipe recebe sua proposta; seu e-mail não é mostrado até que ela seja aceita.
facet-intercambio = Intercâmbio
facet-intercambio-ofrece = Oferece algo para compartilhar
facet-intercambio-busca = Busca aprender algo
facet-cooperacion = Busca cooperação
suggestions-title = Sugestões para suas experiências
suggestions-none = Sem sugestões por enquanto. Complete o que vocês compartilham e o que buscam para receber mais.
suggestions-dismiss = Não tenho interesse
notice-suggestion-dismissed = Você não verá mais essa sugestão.

## Solicitações de intercâmbio
ask-title = Propor um intercâmbio
ask-intro = Com a equipe de «{ $title }».
ask-suggested = Motivo sugerido (segundo quem propõe)
ask-from = A partir da minha experiência (opcional)
ask-from-none = Nenhuma em particular
ask-purpose = O que esperam aprender ou oferecer
ask-purpose-help = Conte quem vocês são e o que gostariam de trocar. Até 1000 caracteres.
ask-ways = Como
ask-privacy = A equipe verá seu nome e esta mensagem. Seu contato só é compartilhado se ela aceitar.
ask-send = Enviar a proposta
way-conversation = conversa por escrito
way-video = videochamada
way-visit = visita
way-documents = troca de documentos
exchange-error-not-published = Só é possível propor um intercâmbio a uma experiência publicada.
exchange-error-own-sheet = É uma experiência da sua própria equipe.
exchange-error-blocked = A equipe desta experiência não recebe propostas suas.
exchange-error-open = Você já tem uma proposta aguardando resposta desta equipe.
ask-see-waiting = Ver a proposta que aguarda resposta
ask-not-sent = O que você escreveu (não foi enviado)
ask-not-sent-help = Copie se quiser usá-lo: poderá escrevê-lo na conversa quando a equipe responder, ou retirar a proposta que aguarda e enviar uma nova.
exchange-error-answered = Esta proposta já foi respondida.
exchange-error-withdrawn = Esta proposta foi retirada por quem a enviou.
exchange-error-proposal = Escreva o que você propõe em vez disso.
exchange-error-ways = Escolha pelo menos uma forma de intercâmbio.
exchange-error-too-many = Você enviou muitas propostas hoje. Tente novamente amanhã.
exchanges-title = Intercâmbios
exchanges-incoming = Propostas recebidas
exchanges-outgoing = Propostas enviadas
exchanges-none-incoming = Vocês ainda não receberam propostas.
exchanges-none-outgoing = Você ainda não enviou propostas.
exchanges-find = Buscar experiências
exchange-title = Proposta de intercâmbio
exchange-from = De
exchange-to = Para
exchange-when = Enviada
exchange-answer = Resposta
exchange-contacts = Contato da outra parte
exchange-open-conversation = Ir para a conversa
exchange-answer-title = Responder
exchange-answer-message = Mensagem (opcional para aceitar ou recusar; necessária para propor outra coisa)
exchange-answer-help = Uma resposta gentil ajuda, mesmo quando vocês recusam.
exchange-accept = Aceitar
exchange-propose = Propor outra coisa
exchange-decline = Recusar
exchange-accept-proposal = Aceitar o que propõem
exchange-withdraw = Retirar a proposta
exchange-trouble = Algum problema?
exchange-block-help = Bloquear impede que esta pessoa volte a propor intercâmbios a esta experiência.
exchange-block = Bloquear esta pessoa
exchange-report-reason = Contar à equipe de facilitação o que aconteceu
exchange-report = Denunciar um abuso
exchange-state-pending = Aguardando resposta
exchange-state-proposed = Propuseram outra coisa
exchange-state-accepted = Aceita
exchange-state-declined = Recusada
exchange-state-withdrawn = Retirada
notice-request-sent = Proposta enviada. A equipe recebeu uma notificação.
notice-request-answered = Resposta enviada.
notice-request-accepted = Intercâmbio aceito: vocês já podem conversar.
notice-request-withdrawn = Proposta retirada.
notice-request-blocked = Pessoa bloqueada para esta experiência.
notice-request-reported = Agradecemos: a equipe de facilitação vai revisar o caso.
reports-title = Denúncias de abuso
reports-none = Não há denúncias.
reports-handled = atendida
reports-mark-handled = Marcar como atendida
notice-report-handled = Marcada como atendida.

## Conversas
messages-intro = Conversas privadas dos intercâmbios aceitos.
messages-none = Você ainda não tem conversas. Elas começam quando um intercâmbio é aceito.
messages-unread = { $count ->
    [one] { $count } não lida
   *[other] { $count } não lidas
}
messages-closed = encerrada
messages-private = Somente as pessoas das duas equipes leem esta conversa.
messages-members = Quem participa
messages-add-person = Incluir alguém que coedita uma das suas fichas (e-mail da conta dessa pessoa no Ayni)
messages-add = Incluir
messages-leave = Sair da conversa
messages-block = Bloquear e encerrar
messages-older = Mensagens anteriores
messages-newer = Mensagens mais recentes
messages-empty = Ainda não há mensagens. Escrevam a primeira.
messages-closed-help = Esta conversa está encerrada: ninguém pode escrever nela.
messages-not-sent = Sua mensagem não foi enviada; aqui está o que você escreveu, para copiar.
messages-write = Escrever
messages-body = Mensagem
messages-body-help = Você pode usar Markdown: **negrito**, listas, links. Até 5000 caracteres.
messages-file = Anexar um arquivo (opcional)
messages-send = Enviar
messages-error-closed = Esta conversa está encerrada.
notice-member-added = Pessoa incluída na conversa.
notice-conversation-closed = Conversa encerrada: a outra parte não pode mais escrever aqui nem propor intercâmbios à sua experiência desta conversa.
notice-conversation-left = Você saiu da conversa.

## Notificações
notify-kind-exchange = Propostas de intercâmbio
notify-kind-message = Mensagens
notify-line-message = { $name } escreveu para você em { $where }
notify-line-exchange-pending = { $name } propõe um intercâmbio com { $where }
notify-line-exchange-proposed = { $name } propõe outra coisa para o intercâmbio com { $where }
notify-line-exchange-accepted = { $name } aceitou o intercâmbio com { $where }
notify-line-exchange-declined = { $name } recusou o intercâmbio com { $where }
notify-line-exchange-withdrawn = { $name } retirou a proposta de intercâmbio com { $where }

## Idiomas
language-es = espanhol
language-pt = português
language-en = inglês
language-fr = francês
language-qu = quíchua
language-ay = aimará
language-gn = guarani
language-ht = crioulo haitiano
language-nl = neerlandês

messages-error-not-team = Só é possível incluir pessoas que coeditam alguma das suas fichas e que ainda não participam do outro lado. Convide-a antes como coeditora.
exchange-error-not-proposed = A outra equipe não propôs outra coisa: ainda não há nada para aceitar.
upload-empty-file = O arquivo está vazio. Escolha outro ou envie a mensagem sem arquivo.
messages-error-too-many = Você enviou muitas mensagens seguidas. Espere alguns minutos: o que escreveu continua aqui.
exchange-error-no-team = Ninguém pode responder por esta experiência agora (sua equipe não está mais no Ayni).
exchange-error-asker-gone = Quem propôs este intercâmbio não tem mais uma conta ativa: não é possível aceitar.
