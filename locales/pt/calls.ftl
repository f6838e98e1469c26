# Chamadas: criação, inscrição, revisão.
nav-calls = Chamadas
calls-title = Chamadas
calls-lead = As chamadas convidam a registrar experiências de desenvolvimento territorial. Algumas têm datas; outras estão sempre abertas.
calls-new = Nova chamada
calls-create = Criar a chamada
calls-none = Ainda não há chamadas.
call-window-open = Aberta
call-window-upcoming = Em breve
call-window-closed = Encerrada
call-window-help-upcoming = Esta chamada ainda não recebe inscrições. Volte a partir da data de abertura.
call-window-help-closed = Esta chamada já foi encerrada. Suas fichas continuam no catálogo e você pode melhorá-las quando quiser.
call-opens = abre em { $date }
call-closes = encerra em { $date }
call-continuous = chamada contínua
call-field-description = Descrição
call-field-instructions = Instruções
call-help-instructions = O que quem se inscreve deve levar em conta (Markdown).
call-field-kind = Tipo de chamada
call-kind-periodic = Periódica, com datas de abertura e encerramento
call-kind-continuous = Contínua, sempre aberta
call-field-opens = Abertura
call-field-closes = Encerramento
call-field-zone = Fuso horário das datas
call-field-policy = Publicação das fichas
call-policy-review = As fichas são revisadas antes de serem publicadas.
call-policy-publish = As fichas são publicadas no momento da inscrição.
call-field-facilitators = Facilitadoras e facilitadores
call-help-facilitators = E-mails das contas que revisam as inscrições, separados por vírgulas.
call-field-countries = Países que podem se inscrever
call-help-countries = Deixe tudo desmarcado se a chamada for para toda a região.
call-field-questions = Perguntas adicionais (opcionais)
call-help-questions = Para opções, escreva uma por linha.
call-question-n = Pergunta { $n }
call-question-kind = Tipo de resposta
call-question-options = Opções (uma por linha)
call-question-required = Resposta obrigatória
call-qkind-short = Texto curto
call-qkind-long = Texto longo
call-qkind-single = Uma opção
call-qkind-multiple = Várias opções
call-my-submissions = Minhas inscrições
call-submit-title = Inscrever uma experiência
call-no-sheets = Primeiro registre a ficha da sua experiência.
call-choose-sheet = Ficha que você inscreve
call-or-new-sheet = ou registre uma experiência nova
call-submit = Inscrever
call-submit-help = Depois de se inscrever, você pode continuar melhorando a ficha.
call-review-queue = Revisão de inscrições
call-back = Voltar à chamada
call-systematization = Como estão documentadas as fichas recebidas
call-section = Seção
call-developed = Desenvolvida
call-submissions = Inscrições
call-no-submissions = Ainda não há inscrições.
call-answers = Respostas
call-decisions = Histórico
call-decide = Decisão
call-comment = Comentário para quem se inscreveu
call-comment-help = Obrigatório ao pedir alterações: diga com clareza o que melhorar.
call-approve = Aprovar e publicar
call-request-changes = Pedir alterações
call-resubmit = Enviar de novo
call-resubmit-help = Quando tiver feito as alterações na ficha, envie-a de novo para revisão.
submission-state-submitted = Em revisão
submission-state-changes_requested = Alterações pedidas
submission-state-approved = Aprovada
decision-submitted = Inscrita
decision-resubmitted = Enviada de novo
decision-approve = Aprovada
decision-request_changes = Alterações pedidas
error-call-date = Escreva uma data e hora válidas.
error-call-dates-order = O encerramento deve ser posterior à abertura.
error-question-options = As perguntas de opções precisam de pelo menos duas opções, uma por linha.
error-call-not-open = Esta chamada ainda não está aberta. O que você escreveu não se perdeu.
error-call-closed = Esta chamada já foi encerrada e não recebe inscrições. O que você escreveu não se perdeu.
error-call-already-decided = Esta experiência já tem uma decisão nesta chamada: inscrever-se de novo não a muda. Veja sua inscrição a partir da ficha.
error-call-choose-sheet = Escolha a ficha que você inscreve.
error-call-country = A chamada não inclui o país desta experiência.
error-call-answers = Falta responder perguntas obrigatórias ou alguma resposta não é válida.
error-call-answer = Responda esta pergunta.
error-call-comment-required = Escreva quais alterações você pede.
error-call-already-approved = Esta inscrição já foi aprovada.
error-call-nothing-to-resubmit = Não há alterações pedidas para esta inscrição.
notice-call-created = A chamada foi criada.
notice-submission-sent = Sua inscrição foi enviada. Avisaremos você por e-mail quando ela for revisada.
notice-submission-updated = Sua inscrição já estava enviada: agora tem estas respostas. Continua aguardando a revisão.
notice-submission-published = Sua ficha foi inscrita e já está publicada.
mail-review-approved-subject = Sua ficha foi aprovada
mail-review-approved-body =
    Olá,

    A ficha “{ $title }” foi aprovada na chamada “{ $call }” e já está publicada.
    { $comment }

    { $link }
mail-review-changes-subject = Pediram alterações na sua ficha
mail-review-changes-body =
    Olá,

    Na chamada “{ $call }”, pediram alterações na ficha “{ $title }”:

    { $comment }

    Quando você a melhorar, envie-a de novo por aqui:
    { $link }
home-open-calls = Chamadas abertas
call-field-themes = Temas da chamada
call-help-themes = Deixe tudo desmarcado se a chamada recebe experiências de qualquer tema.
error-call-theme = A ficha não trata de nenhum dos temas desta chamada; acrescente o tema correspondente na ficha.
error-call-approve-incomplete = A ficha ainda não tem o necessário para ser publicada (resumo, temas, objetivos e problemas enfrentados). Peça alterações indicando o que falta.
error-call-changes-pending = As mudanças já foram pedidas: a inscrição volta à revisão quando a equipe a reenviar.
call-edit = Editar a chamada
call-edit-save = Salvar as alterações
call-edit-questions-kept = As perguntas ficam como estão: já pode haver respostas que se referem a elas. As decisões tomadas são mantidas ao mudar as datas.
call-close = Encerrar a chamada agora
call-forums = Fórum da chamada
notice-call-edited = Chamada salva.
notice-call-closed = Chamada encerrada: não recebe mais candidaturas. As decisões tomadas são mantidas.
audit-call = Chamadas
submission-state-withdrawn = Retirada (conta excluída)
error-call-withdrawn = Esta candidatura foi retirada: a conta que a enviou foi excluída.
error-call-changed = Esta inscrição mudou desde que você a abriu (outra pessoa decidiu ou a equipe a reenviou). Leia o estado atual abaixo; seu comentário continua aqui para decidir de novo.
error-call-confirm-email = Esta chamada publica a ficha ao se inscrever: antes confirme seu e-mail com o link que enviamos.
error-call-sheet-incomplete = Esta chamada publica a ficha ao se inscrever, e a ficha ainda não pode ser publicada: publicar pede o resumo, ao menos um tema, os objetivos e os problemas que enfrenta, e falta algum deles à ficha. Complete o que falta na ficha e inscreva-se de novo; suas respostas continuam aqui.
error-call-facilitator-unknown = Não há nenhuma conta com um destes endereços. Revise cada um: só pessoas cadastradas podem revisar.
error-call-facilitator-role = Uma destas pessoas não é facilitadora: só pessoas facilitadoras (ou a administração) podem revisar inscrições.
error-call-answer-option = Escolha entre as opções que a pergunta oferece (só uma, se a pergunta pede uma).
error-call-answer-long = A resposta é longa demais: até 5000 caracteres.
error-question-kind = Uma pergunta tem um tipo de resposta desconhecido: escolha um da lista.
