# Fóruns de intercâmbio: espaços de diálogo horizontal entre pares.
nav-forums = Fóruns
nav-notifications = Notificações
nav-notifications-unread = Notificações ({ $count } { $count ->
    [one] nova
   *[other] novas
})

forums-title = Fóruns de intercâmbio
forums-lead = Espaços para conversar entre pares sobre o que aprendemos em nossas experiências de desenvolvimento territorial: conferências, mesas de debate, contribuições, inovações e uma oficina de melhoria.
forums-new = Criar um fórum
forums-none = Ainda não há fóruns abertos.
forum-member-count = { $count ->
    [0] { $count } participantes
    [one] { $count } participante
   *[other] { $count } participantes
}
forum-space-count = { $count ->
    [0] { $count } espaços
    [one] { $count } espaço
   *[other] { $count } espaços
}
forum-field-title = Título do fórum
forum-field-description = Apresentação
forum-field-time-zone = Fuso horário das datas
forum-field-starts = Começa
forum-field-ends = Termina
forum-field-call = Chamada vinculada (opcional)
forum-no-call = Nenhuma
forum-field-facilitators = Outras pessoas que facilitam (e-mails)
forum-facilitators-hint = Você facilita este fórum. Adicione os e-mails de quem facilita com você, separados por vírgulas.
forum-markdown-hint = Você pode usar Markdown: **negrito**, *itálico*, listas com hífens, links e citações com >.
forum-mention-hint = Para mencionar alguém que participa, escreva @ e o nome da pessoa (por exemplo, @Rosa Mamani).
forum-create = Criar o fórum
forum-linked-call = Chamada vinculada
forum-you-joined = Você participa deste fórum
forum-join = Participar do fórum
forum-join-help = Ao participar, você pode publicar, responder e receber notificações.
forum-join-to-post = Para publicar neste espaço, primeiro participe do fórum.
forum-sign-in-to-join = Entre na sua conta para participar
forum-new-space = Adicionar um espaço
forum-moderation = Moderação
forum-open-dilemmas = Dilemas sem resposta útil
forum-participation = Participação
forum-no-spaces = Este fórum ainda não tem espaços.
forum-facilitators = Facilitam
forum-who-takes-part = { $count ->
    [0] Participam { $count } pessoas
    [one] Participa { $count } pessoa
   *[other] Participam { $count } pessoas
}
forum-hidden-post = Esta mensagem está oculta enquanto a equipe de facilitação a revisa.
forum-preview = Pré-visualização
forum-notice-created = O fórum foi criado. Agora adicione os espaços dele.
forum-notice-joined = Agora você participa deste fórum.
forum-notice-space = O espaço está pronto.
forum-notice-posted = Sua publicação já está visível.
forum-notice-position = Sua posição foi registrada. Você pode revisá-la enquanto a mesa estiver aberta.
forum-notice-replied = Sua resposta já está visível.
forum-notice-edited = As alterações foram salvas; a versão anterior fica no histórico.
forum-notice-flagged = Agradecemos. A equipe de facilitação vai revisar a mensagem.
forum-notice-hidden = Agradecemos. Com a sua sinalização, a mensagem ficou oculta até que a equipe de facilitação a revise.
forum-notice-moderated = Ação de moderação registrada.
forum-notice-following = Você vai receber notificações da nova atividade.
forum-notice-unfollowed = Você não vai mais receber notificações desta atividade.

space-kind-conference = Conferência
space-kind-debate = Mesa de debate
space-kind-contribution = Contribuições
space-kind-innovation = Inovações
space-kind-workshop = Oficina de melhoria
space-kind-plural-conference = Conferências
space-kind-plural-debate = Mesas de debate
space-kind-plural-contribution = Contribuições
space-kind-plural-innovation = Inovações
space-kind-plural-workshop = Oficinas de melhoria
space-kind-help-conference = Uma pessoa convidada compartilha sua experiência; quem participa faz perguntas e vota nelas, e quem apresenta responde.
space-kind-help-debate = Uma pergunta aberta: cada pessoa toma uma posição (a favor, contra ou com ressalvas) e a defende a partir da sua prática.
space-kind-help-contribution = Cada pessoa apresenta algo que aprendeu sobre o tema, a partir da sua experiência.
space-kind-help-innovation = O que mudou em uma prática, que aprendizado motivou a mudança e qual foi o resultado.
space-kind-help-workshop = Dúvidas e dilemas apresentados aos pares e à equipe de facilitação; quem pergunta marca as respostas que lhe serviram.
space-topic-count-conference = { $count ->
    [0] { $count } perguntas
    [one] { $count } pergunta
   *[other] { $count } perguntas
}
space-topic-count-debate = { $count ->
    [0] { $count } posições
    [one] { $count } posição
   *[other] { $count } posições
}
space-topic-count-contribution = { $count ->
    [0] { $count } contribuições
    [one] { $count } contribuição
   *[other] { $count } contribuições
}
space-topic-count-innovation = { $count ->
    [0] { $count } inovações
    [one] { $count } inovação
   *[other] { $count } inovações
}
space-topic-count-workshop = { $count ->
    [0] { $count } dilemas
    [one] { $count } dilema
   *[other] { $count } dilemas
}
space-post-count = { $count ->
    [0] { $count } mensagens
    [one] { $count } mensagem
   *[other] { $count } mensagens
}
space-last-activity = última atividade em { $date }
space-field-kind = Tipo de espaço
space-field-title = Título do espaço
space-field-description = Apresentação (em uma mesa de debate, o documento de referência)
space-field-video = Link do vídeo (opcional)
space-video-hint = Endereço completo em uma plataforma de vídeo, por exemplo https://www.youtube.com/watch?v=…
space-field-opens = Recebe publicações a partir de
space-field-closes = Recebe publicações até
space-times-hint = Datas e horários em { $zone }. Deixe-os em branco para que o espaço fique sempre aberto.
space-only-conference = Só para conferências.
space-only-debate = Só para mesas de debate.
space-field-speakers = Quem apresenta (e-mails)
space-speakers-hint = Só estas pessoas respondem às perguntas da conferência.
space-field-affiliation = Instituição ou organização de quem apresenta
space-field-bio = Breve perfil de quem apresenta
space-field-session = Data e hora da sessão
space-field-question = Pergunta em debate
space-create = Criar o espaço
space-session = Sessão: { $date }
space-question = Pergunta em debate
space-reference = Documento de referência
space-watch-video = Ver o vídeo
space-window = Recebe publicações: { $dates }
space-filter = Filtrar
space-list-conference = Perguntas e comentários
space-list-debate = Posições
space-list-contribution = Contribuições
space-list-innovation = Inovações
space-list-workshop = Dúvidas e dilemas
space-empty-conference = Ainda não há perguntas. Faça a primeira!
space-empty-debate = Ninguém tomou posição ainda.
space-empty-contribution = Ainda não há contribuições.
space-empty-innovation = Ainda não há inovações compartilhadas.
space-empty-workshop = Ainda não há dúvidas nem dilemas.
filter-all-conference = Todas
filter-all-debate = Todas
filter-all-workshop = Todos
filter-respondidas = Respondidas
filter-sin-responder = Sem resposta
filter-favor = A favor
filter-contra = Contra
filter-matices = Com ressalvas
filter-abiertos = Abertos
filter-resueltos = Resolvidos
live-updated = A lista foi atualizada com o que há de mais recente.
follow-space = Seguir este espaço
follow-topic = Seguir esta conversa
follow-stop = Deixar de seguir

stance-favor = A favor
stance-contra = Contra
stance-matices = Com ressalvas
audience-peers = Aos pares
audience-facilitators = À equipe de facilitação
audience-both = Aos pares e à equipe de facilitação
debate-spread = Como as posições se distribuem
debate-spread-caption = { $count ->
    [0] { $count } posições
    [one] { $count } posição
   *[other] { $count } posições
}
debate-count = Pessoas
debate-revise = Revise sua posição
debate-revise-help = Você já tomou posição nesta mesa. Se revisá-la, a versão anterior continua visível no histórico.
debate-revise-submit = Salvar minha posição revisada
question-votes = { $count ->
    [0] { $count } votos
    [one] { $count } voto
   *[other] { $count } votos
}
question-vote = Apoiar esta pergunta
question-unvote = Retirar meu apoio
question-answered = Respondida
dilemma-resolved = Resolvido
dilemma-resolve = Marcar como resolvido
dilemma-reopen = Reabrir
helpful-mark = Me ajudou
helpful-unmark = Tirar “me ajudou”
topic-closed = Encerrada pela equipe de facilitação
topic-reply-count = { $count ->
    [0] { $count } respostas
    [one] { $count } resposta
   *[other] { $count } respostas
}
topic-open-conference = Ver a pergunta
topic-open-debate = Ver a posição
topic-open-contribution = Ler a contribuição
topic-open-innovation = Ler a inovação
topic-open-workshop = Ver o dilema
topic-form-conference = Faça sua pergunta ou comentário
topic-form-debate = Tome sua posição
topic-form-contribution = Compartilhe uma contribuição
topic-form-innovation = Compartilhe uma inovação
topic-form-workshop = Apresente uma dúvida ou dilema
topic-submit-conference = Publicar a pergunta
topic-submit-debate = Publicar minha posição
topic-submit-contribution = Publicar a contribuição
topic-submit-innovation = Publicar a inovação
topic-submit-workshop = Apresentar o dilema
topic-field-title = Título
topic-field-stance = Posição
topic-field-audience = A quem você se dirige?
topic-body-conference = Sua pergunta ou comentário
topic-body-debate = Seu argumento
topic-body-contribution = O que você aprendeu
topic-body-innovation = Apresentação breve
topic-body-workshop = Sua dúvida ou dilema
topic-field-change = O que mudou na prática
topic-field-learning = Que aprendizado motivou a mudança
topic-field-outcome = Qual foi o resultado
topic-field-practice = A partir da minha prática (opcional)
topic-practice-hint = Cite uma das suas fichas de experiência: ela será mostrada com o título e o país.
topic-no-practice = Sem ficha citada
replies-title-conference = Respostas de quem apresenta
replies-title-debate = Respostas a esta posição
replies-title-contribution = Respostas
replies-title-innovation = Respostas
replies-title-workshop = Respostas
replies-none-conference = Ainda sem resposta.
replies-none-debate = Ninguém respondeu a esta posição ainda.
replies-none-contribution = Ainda não há respostas.
replies-none-innovation = Ainda não há respostas.
replies-none-workshop = Ainda não há respostas. Você conhece uma experiência parecida?
reply-form-conference = Responder como quem apresenta
reply-form-debate = Responder a esta posição
reply-form-contribution = Responder
reply-form-innovation = Responder
reply-form-workshop = Responder ao dilema
reply-submit-conference = Publicar a resposta
reply-submit-debate = Publicar a resposta
reply-submit-contribution = Publicar a resposta
reply-submit-innovation = Publicar a resposta
reply-submit-workshop = Publicar a resposta
reply-body = Sua resposta
reply-speakers-only = Em uma conferência, só quem apresenta responde às perguntas. Você pode apoiar esta pergunta com seu voto.
reply-closed = Esta conversa não está recebendo respostas agora.

post-edited = editado (ver versões)
post-helpful = Serviu para quem perguntou
post-from-practice = A partir da minha prática
post-cites = Ficha citada
post-useful = Me serve
post-quote = Citar
post-edit = Editar
post-edit-help = Você pode corrigir o que escreveu durante algum tempo depois de publicar; a versão anterior fica no histórico.
post-save = Salvar as alterações
post-back = Voltar à conversa
post-flag = Sinalizar
post-flag-reason = Motivo
post-flag-send = Enviar a sinalização
post-history = Histórico da mensagem
post-current-version = Versão atual
post-earlier-versions = Versões anteriores
post-no-earlier = Não há versões anteriores.
flag-spam = Publicidade ou spam
flag-offensive = Ofensivo
flag-offtopic = Fora do tema

mod-help = As mensagens sinalizadas aparecem aqui. Uma mensagem com sinalizações suficientes fica oculta automaticamente até que você decida. Cada ação fica registrada.
mod-queue = Mensagens para revisar
mod-queue-empty = Não há mensagens para revisar.
mod-hidden = Oculta
mod-hide = Ocultar
mod-restore = Restaurar
mod-dismiss = Descartar as sinalizações
mod-close = Encerrar a conversa
mod-reopen = Reabrir a conversa
mod-see-in-context = Ver na conversa
mod-log = Registro de moderação
mod-log-empty = Ainda não há ações registradas.
mod-log-when = Quando
mod-log-who = Quem
mod-log-action = Ação
mod-log-post = Mensagem
mod-log-automatic = Automático (sinalizações)
mod-action-hide = Ocultou
mod-action-restore = Restaurou
mod-action-close = Encerrou a conversa
mod-action-reopen = Reabriu a conversa
mod-action-auto-hide = Ocultada por sinalizações
dilemmas-help = Dúvidas e dilemas ainda abertos que não receberam uma resposta útil, do mais antigo ao mais recente.
dilemmas-none = Não há dilemas abertos sem uma resposta útil.
participation-help = Quem entrou no fórum, quanto publicou e quantas páginas do fórum leu. Só as leituras são contadas, nada mais.
participation-person = Pessoa
participation-joined = Entrou em
participation-posts = Mensagens
participation-reads = Leituras
participation-last-post = Última mensagem

error-forum-title = Escreva um título com pelo menos 5 caracteres.
error-forum-date = Escreva a data e a hora completas (por exemplo 2026-12-01 09:00).
error-forum-dates-order = A data de encerramento deve ser posterior à de início.
error-space-kind = Escolha o tipo de espaço.
error-video-url = Escreva o endereço completo do vídeo, começando por https://.
error-debate-question = Escreva a pergunta em debate (pelo menos 10 caracteres).
error-speakers-missing = Informe o e-mail de pelo menos uma pessoa que apresenta.
error-topic-title = Escreva um título com pelo menos 5 caracteres.
error-body-empty = Escreva sua mensagem.
error-question-empty = Escreva sua pergunta ou comentário.
error-argument-empty = Escreva o argumento da sua posição.
error-stance-missing = Escolha sua posição: a favor, contra ou com ressalvas.
error-innovation-part = Complete esta parte da inovação.
error-audience-missing = Escolha a quem você dirige sua dúvida ou dilema.
error-body-long = O texto é longo demais (máximo de 20.000 caracteres).
error-experience-not-yours = Você só pode citar fichas que você edita.
error-not-member = Participe do fórum para publicar aqui. O que você escreveu foi mantido.
error-space-closed = Este espaço não recebe mais publicações. O que você escreveu continua abaixo, caso queira guardá-lo.
error-space-not-open = Este espaço ainda não recebe publicações. O que você escreveu foi mantido.
error-topic-hidden = Esta mensagem está oculta pela moderação e não recebe respostas. O que você escreveu foi mantido.
error-own-post = Não é possível fazer isso em uma mensagem sua: o apoio, o «Me serve» e as denúncias vêm das outras pessoas.
error-topic-closed = Esta conversa está encerrada e não recebe respostas. O que você escreveu foi mantido.
error-speakers-only = Em uma conferência, só quem apresenta responde às perguntas.
error-author-only = Só quem apresentou o dilema pode fazer isso.
error-facilitators-only = Só a equipe de facilitação pode moderar.
error-not-allowed = Esta ação não está disponível aqui.
error-edit-window = Já passou o prazo para editar esta mensagem. Você pode publicar uma resposta com o esclarecimento.
error-rate-posts = Você publicou muitas mensagens em pouco tempo. Espere alguns minutos; o que você escreveu foi mantido.
error-rate-flags = Você enviou muitas sinalizações em pouco tempo. Tente de novo mais tarde.
error-flag-reason = Escolha o motivo da sinalização.

notify-title = Notificações
notify-none = Você não tem notificações.
notify-new = Nova
notify-mark-all = Marcar todas como lidas
notify-prefs = Preferências de notificações por e-mail
notify-prefs-help = Para cada tipo de notificação, escolha se quer receber um e-mail na hora, um resumo diário ou nenhum e-mail. As notificações sempre aparecem nesta página.
notify-save = Salvar preferências
notify-notice-read = Todas as notificações foram marcadas como lidas.
notify-notice-saved = Preferências salvas.
notify-kind-reply = Respostas ao que publiquei
notify-kind-answer = Respostas às minhas perguntas em conferências
notify-kind-mention = Menções
notify-kind-helpful = Quando marcam minha resposta como útil
notify-kind-follow = Nova atividade no que sigo
notify-mode-immediate = E-mail na hora
notify-mode-digest = Resumo diário
notify-mode-none = Sem e-mail
notify-line-reply = { $name } respondeu à sua publicação em { $where }
notify-line-answer = { $name } respondeu à sua pergunta em { $where }
notify-line-mention = { $name } mencionou você em { $where }
notify-line-helpful = { $name } marcou sua resposta como útil em { $where }
notify-line-follow = Novidade no que você segue: { $name } publicou em { $where }
notify-digest-subject = Ayni: { $count ->
    [0] { $count } novidades
    [one] { $count } novidade
   *[other] { $count } novidades
} nos fóruns
notify-digest-intro = Isto aconteceu nos fóruns desde o último resumo:
notify-email-prefs = Você pode mudar quais e-mails recebe em:

space-attach = Anexar o vídeo, o áudio ou o documento de referência
space-attach-file = Arquivo
space-attach-hint = PDF, MP4, WebM ou MP3. Para vídeos longos, prefira um link para uma plataforma de vídeo: pesa menos para quem se conecta do campo.
space-attach-send = Anexar
space-download-media = Baixar o arquivo para assistir sem conexão
space-download-document = Baixar o documento
space-file-unsupported = Só são aceitos arquivos PDF, MP4, WebM ou MP3.
forum-notice-file = O arquivo foi anexado ao espaço.
error-people-unknown = Algum destes endereços não corresponde a uma conta do Ayni. Confira se estão bem escritos; a pessoa precisa se cadastrar antes.
space-edit = Editar o espaço
space-save = Salvar o espaço
forum-join-with-post = Você ainda não participa deste fórum: ao publicar, você passará a participar (um só passo, e o que escrever não se perde).
forum-join-and-post = Participar e publicar
forum-edit = Editar o fórum
forum-save = Salvar o fórum
forum-notice-saved = As alterações do fórum foram salvas.
notify-mark-one = Marcar como lida
post-field-lang = Idioma da mensagem
error-confirm-to-post = Confirme seu e-mail antes de publicar nos fóruns: enviamos um link (você pode pedi-lo de novo em «Minha conta»). O que você escreveu não se perdeu.
error-topic-title-long = O título pode ter até 200 caracteres; o resto pode ir no texto.
error-rate-previews = Você pediu muitas pré-visualizações seguidas. Espere alguns minutos; seu texto continua aqui.
notify-kind-submission = Fichas enviadas para revisão nas minhas chamadas
notify-line-submission = { $name } enviou uma ficha para revisão: { $where }
