# Foros de intercambio: espacios de diálogo horizontal entre pares.
nav-forums = Foros
nav-notifications = Avisos
nav-notifications-unread = Avisos ({ $count } { $count ->
    [one] nuevo
   *[other] nuevos
})

forums-title = Foros de intercambio
forums-lead = Espacios para conversar entre pares sobre lo que aprendimos en nuestras experiencias de desarrollo territorial: conferencias, mesas de debate, aportes, innovaciones y un taller de mejora.
forums-new = Crear un foro
forums-none = Todavía no hay foros abiertos.
forum-member-count = { $count ->
    [one] 1 participante
   *[other] { $count } participantes
}
forum-space-count = { $count ->
    [one] 1 espacio
   *[other] { $count } espacios
}
forum-field-title = Título del foro
forum-field-description = Presentación
forum-field-time-zone = Zona horaria de las fechas
forum-field-starts = Comienza
forum-field-ends = Termina
forum-field-call = Convocatoria vinculada (opcional)
forum-no-call = Ninguna
forum-field-facilitators = Otras personas que facilitan (correos electrónicos)
forum-facilitators-hint = Usted facilita este foro. Añada los correos de quienes lo facilitan con usted, separados por comas.
forum-markdown-hint = Puede usar Markdown: **negrita**, *cursiva*, listas con guiones, enlaces y citas con >.
forum-mention-hint = Para mencionar a alguien que participa, escriba @ y su nombre (por ejemplo, @Rosa Mamani).
forum-create = Crear el foro
forum-linked-call = Convocatoria vinculada
forum-you-joined = Usted participa en este foro
forum-join = Unirme al foro
forum-join-help = Al unirse puede publicar, responder y recibir avisos.
forum-join-to-post = Para publicar en este espacio, primero únase al foro.
forum-sign-in-to-join = Inicie sesión para unirse y participar
forum-new-space = Añadir un espacio
forum-moderation = Moderación
forum-open-dilemmas = Dilemas sin respuesta útil
forum-participation = Participación
forum-no-spaces = Este foro aún no tiene espacios.
forum-facilitators = Facilitan
forum-who-takes-part = { $count ->
    [one] Participa 1 persona
   *[other] Participan { $count } personas
}
forum-hidden-post = Este mensaje está oculto mientras el equipo facilitador lo revisa.
forum-preview = Vista previa
forum-notice-created = El foro está creado. Añada ahora sus espacios.
forum-notice-joined = Ya participa en este foro.
forum-notice-space = El espacio está listo.
forum-notice-posted = Su publicación ya está visible.
forum-notice-position = Su posición quedó registrada. Puede revisarla mientras la mesa esté abierta.
forum-notice-replied = Su respuesta ya está visible.
forum-notice-edited = Los cambios están guardados; la versión anterior queda en el historial.
forum-notice-flagged = Gracias. El equipo facilitador revisará el mensaje.
forum-notice-hidden = Gracias. Con su señalamiento el mensaje quedó oculto hasta que el equipo facilitador lo revise.
forum-notice-moderated = Acción de moderación registrada.
forum-notice-following = Recibirá avisos de la nueva actividad.
forum-notice-unfollowed = Ya no recibirá avisos de esta actividad.

space-kind-conference = Conferencia
space-kind-debate = Mesa de debate
space-kind-contribution = Aportes
space-kind-innovation = Innovaciones
space-kind-workshop = Taller de mejora
space-kind-plural-conference = Conferencias
space-kind-plural-debate = Mesas de debate
space-kind-plural-contribution = Aportes
space-kind-plural-innovation = Innovaciones
space-kind-plural-workshop = Talleres de mejora
space-kind-help-conference = Una persona invitada comparte su experiencia; quienes participan preguntan y votan las preguntas, y quien presenta responde.
space-kind-help-debate = Una pregunta abierta: cada persona toma una posición (a favor, en contra o con matices) y la argumenta desde su práctica.
space-kind-help-contribution = Cada persona presenta algo que aprendió sobre el tema, a partir de su experiencia.
space-kind-help-innovation = Qué cambió en una práctica, qué aprendizaje lo motivó y qué resultó.
space-kind-help-workshop = Dudas y dilemas planteados a pares y al equipo facilitador; quien pregunta marca las respuestas que le sirvieron.
space-topic-count-conference = { $count ->
    [one] 1 pregunta
   *[other] { $count } preguntas
}
space-topic-count-debate = { $count ->
    [one] 1 posición
   *[other] { $count } posiciones
}
space-topic-count-contribution = { $count ->
    [one] 1 aporte
   *[other] { $count } aportes
}
space-topic-count-innovation = { $count ->
    [one] 1 innovación
   *[other] { $count } innovaciones
}
space-topic-count-workshop = { $count ->
    [one] 1 dilema
   *[other] { $count } dilemas
}
space-post-count = { $count ->
    [one] 1 mensaje
   *[other] { $count } mensajes
}
space-last-activity = última actividad { $date }
space-field-kind = Tipo de espacio
space-field-title = Título del espacio
space-field-description = Presentación (en una mesa de debate, el documento de referencia)
space-field-video = Enlace al video (opcional)
space-video-hint = Dirección completa en una plataforma de video, por ejemplo https://www.youtube.com/watch?v=…
space-field-opens = Recibe publicaciones desde
space-field-closes = Recibe publicaciones hasta
space-times-hint = Fechas y horas en { $zone }. Déjelas vacías para que el espacio esté siempre abierto.
space-only-conference = Solo para conferencias.
space-only-debate = Solo para mesas de debate.
space-field-speakers = Quienes presentan (correos electrónicos)
space-speakers-hint = Solo estas personas responden las preguntas de la conferencia.
space-field-affiliation = Institución u organización de quien presenta
space-field-bio = Breve reseña de quien presenta
space-field-session = Fecha y hora de la sesión
space-field-question = Pregunta en debate
space-create = Crear el espacio
space-session = Sesión: { $date }
space-question = Pregunta en debate
space-reference = Documento de referencia
space-watch-video = Ver el video
space-window = Recibe publicaciones: { $dates }
space-filter = Filtrar
space-list-conference = Preguntas y comentarios
space-list-debate = Posiciones
space-list-contribution = Aportes
space-list-innovation = Innovaciones
space-list-workshop = Dudas y dilemas
space-empty-conference = Aún no hay preguntas. ¡Haga la primera!
space-empty-debate = Aún nadie tomó posición.
space-empty-contribution = Aún no hay aportes.
space-empty-innovation = Aún no hay innovaciones compartidas.
space-empty-workshop = Aún no hay dudas ni dilemas.
filter-all-conference = Todas
filter-all-debate = Todas
filter-all-workshop = Todos
filter-respondidas = Respondidas
filter-sin-responder = Sin responder
filter-favor = A favor
filter-contra = En contra
filter-matices = Con matices
filter-abiertos = Abiertos
filter-resueltos = Resueltos
live-updated = La lista se actualizó con lo más reciente.
follow-space = Seguir este espacio
follow-topic = Seguir esta conversación
follow-stop = Dejar de seguir

stance-favor = A favor
stance-contra = En contra
stance-matices = Con matices
audience-peers = A pares
audience-facilitators = Al equipo facilitador
audience-both = A pares y al equipo facilitador
debate-spread = Cómo se reparten las posiciones
debate-spread-caption = { $count ->
    [one] 1 posición
   *[other] { $count } posiciones
}
debate-count = Personas
debate-revise = Revise su posición
debate-revise-help = Ya tomó posición en esta mesa. Si la revisa, la versión anterior queda visible en su historial.
debate-revise-submit = Guardar mi posición revisada
question-votes = { $count ->
    [one] 1 voto
   *[other] { $count } votos
}
question-vote = Apoyar esta pregunta
question-unvote = Quitar mi apoyo
question-answered = Respondida
dilemma-resolved = Resuelto
dilemma-resolve = Marcar como resuelto
dilemma-reopen = Reabrir
helpful-mark = Me ayudó
helpful-unmark = Quitar «me ayudó»
topic-closed = Cerrada por el equipo facilitador
topic-reply-count = { $count ->
    [one] 1 respuesta
   *[other] { $count } respuestas
}
topic-open-conference = Ver la pregunta
topic-open-debate = Ver la posición
topic-open-contribution = Leer el aporte
topic-open-innovation = Leer la innovación
topic-open-workshop = Ver el dilema
topic-form-conference = Haga su pregunta o comentario
topic-form-debate = Tome su posición
topic-form-contribution = Comparta un aporte
topic-form-innovation = Comparta una innovación
topic-form-workshop = Plantee una duda o dilema
topic-submit-conference = Publicar la pregunta
topic-submit-debate = Publicar mi posición
topic-submit-contribution = Publicar el aporte
topic-submit-innovation = Publicar la innovación
topic-submit-workshop = Plantear el dilema
topic-field-title = Título
topic-field-stance = Posición
topic-field-audience = ¿A quién lo dirige?
topic-body-conference = Su pregunta o comentario
topic-body-debate = Su argumento
topic-body-contribution = Lo que aprendió
topic-body-innovation = Presentación breve
topic-body-workshop = Su duda o dilema
topic-field-change = Qué cambió en la práctica
topic-field-learning = Qué aprendizaje lo motivó
topic-field-outcome = Qué resultó
topic-field-practice = Desde mi práctica (opcional)
topic-practice-hint = Cite una de sus fichas de experiencia: se mostrará con su título y país.
topic-no-practice = Sin ficha citada
replies-title-conference = Respuestas de quien presenta
replies-title-debate = Respuestas a esta posición
replies-title-contribution = Respuestas
replies-title-innovation = Respuestas
replies-title-workshop = Respuestas
replies-none-conference = Aún sin respuesta.
replies-none-debate = Aún nadie respondió a esta posición.
replies-none-contribution = Aún no hay respuestas.
replies-none-innovation = Aún no hay respuestas.
replies-none-workshop = Aún no hay respuestas. ¿Conoce una experiencia parecida?
reply-form-conference = Responder como quien presenta
reply-form-debate = Responder a esta posición
reply-form-contribution = Responder
reply-form-innovation = Responder
reply-form-workshop = Responder al dilema
reply-submit-conference = Publicar la respuesta
reply-submit-debate = Publicar la respuesta
reply-submit-contribution = Publicar la respuesta
reply-submit-innovation = Publicar la respuesta
reply-submit-workshop = Publicar la respuesta
reply-body = Su respuesta
reply-speakers-only = En una conferencia solo quien presenta responde las preguntas. Puede apoyar esta pregunta con su voto.
reply-closed = Esta conversación no recibe respuestas ahora.

post-edited = editado (ver versiones)
post-helpful = Le sirvió a quien preguntó
post-from-practice = Desde mi práctica
post-cites = Ficha citada
post-useful = Me sirve
post-quote = Citar
post-edit = Editar
post-edit-help = Puede corregir lo que escribió durante un tiempo después de publicarlo; la versión anterior queda en el historial.
post-save = Guardar los cambios
post-back = Volver a la conversación
post-flag = Señalar
post-flag-reason = Motivo
post-flag-send = Enviar el señalamiento
post-history = Historial del mensaje
post-current-version = Versión actual
post-earlier-versions = Versiones anteriores
post-no-earlier = No hay versiones anteriores.
flag-spam = Publicidad o spam
flag-offensive = Ofensivo
flag-offtopic = Fuera de tema

mod-help = Los mensajes señalados aparecen aquí. Un mensaje con suficientes señalamientos se oculta solo hasta que usted decida. Cada acción queda registrada.
mod-queue = Mensajes para revisar
mod-queue-empty = No hay mensajes para revisar.
mod-hidden = Oculto
mod-hide = Ocultar
mod-restore = Restablecer
mod-dismiss = Descartar los señalamientos
mod-close = Cerrar la conversación
mod-reopen = Reabrir la conversación
mod-see-in-context = Ver en su conversación
mod-log = Registro de moderación
mod-log-empty = Aún no hay acciones registradas.
mod-log-when = Cuándo
mod-log-who = Quién
mod-log-action = Acción
mod-log-post = Mensaje
mod-log-automatic = Automático (señalamientos)
mod-action-hide = Ocultó
mod-action-restore = Restableció
mod-action-close = Cerró la conversación
mod-action-reopen = Reabrió la conversación
mod-action-auto-hide = Ocultado por señalamientos
dilemmas-help = Dudas y dilemas todavía abiertos que no recibieron una respuesta útil, del más antiguo al más reciente.
dilemmas-none = No hay dilemas abiertos sin una respuesta útil.
participation-help = Quién se unió, cuánto publicó y cuántas páginas del foro leyó. Solo se cuentan lecturas, nada más.
participation-person = Persona
participation-joined = Se unió
participation-posts = Mensajes
participation-reads = Lecturas
participation-last-post = Último mensaje

error-forum-title = Escriba un título de al menos 5 caracteres.
error-forum-date = Escriba la fecha y la hora completas (por ejemplo 2026-12-01 09:00).
error-forum-dates-order = La fecha de cierre debe ser posterior a la de inicio.
error-space-kind = Elija el tipo de espacio.
error-video-url = Escriba la dirección completa del video, empezando por https://.
error-debate-question = Escriba la pregunta en debate (al menos 10 caracteres).
error-speakers-missing = Indique el correo de al menos una persona que presenta.
error-topic-title = Escriba un título de al menos 5 caracteres.
error-body-empty = Escriba su mensaje.
error-question-empty = Escriba su pregunta o comentario.
error-argument-empty = Escriba el argumento de su posición.
error-stance-missing = Elija su posición: a favor, en contra o con matices.
error-innovation-part = Complete esta parte de la innovación.
error-audience-missing = Elija a quién dirige su duda o dilema.
error-body-long = El texto es demasiado largo (máximo 20 000 caracteres).
error-experience-not-yours = Solo puede citar fichas que usted edita.
error-not-member = Únase al foro para publicar aquí. Lo que escribió se mantiene.
error-space-closed = Este espacio ya no recibe publicaciones. Lo que escribió se mantiene abajo por si quiere guardarlo.
error-space-not-open = Este espacio todavía no recibe publicaciones. Lo que escribió se mantiene.
error-topic-hidden = Este mensaje está oculto por moderación y no recibe respuestas. Lo que escribió se mantiene.
error-own-post = No puede hacerlo en un mensaje suyo: el apoyo, «Me sirve» y los señalamientos son de las demás personas.
error-topic-closed = Esta conversación está cerrada y no recibe respuestas. Lo que escribió se mantiene.
error-speakers-only = En una conferencia solo quien presenta responde las preguntas.
error-author-only = Solo quien planteó el dilema puede hacer esto.
error-facilitators-only = Solo el equipo facilitador puede moderar.
error-not-allowed = Esta acción no está disponible aquí.
error-edit-window = Ya pasó el tiempo para editar este mensaje. Puede publicar una respuesta con la aclaración.
error-rate-posts = Publicó muchos mensajes en poco tiempo. Espere unos minutos; lo que escribió se mantiene.
error-rate-flags = Envió muchos señalamientos en poco tiempo. Inténtelo más tarde.
error-flag-reason = Elija el motivo del señalamiento.

notify-title = Avisos
notify-none = No tiene avisos.
notify-new = Nuevo
notify-mark-all = Marcar todos como leídos
notify-prefs = Preferencias de avisos por correo
notify-prefs-help = Para cada tipo de aviso, elija si quiere recibir un correo en el momento, un resumen diario o ningún correo. Los avisos siempre aparecen en esta página.
notify-save = Guardar preferencias
notify-notice-read = Todos los avisos quedaron marcados como leídos.
notify-notice-saved = Preferencias guardadas.
notify-kind-reply = Respuestas a lo que publiqué
notify-kind-answer = Respuestas a mis preguntas en conferencias
notify-kind-mention = Menciones
notify-kind-helpful = Cuando marcan mi respuesta como útil
notify-kind-follow = Nueva actividad en lo que sigo
notify-mode-immediate = Correo en el momento
notify-mode-digest = Resumen diario
notify-mode-none = Sin correo
notify-line-reply = { $name } respondió a su publicación en { $where }
notify-line-answer = { $name } respondió su pregunta en { $where }
notify-line-mention = { $name } le mencionó en { $where }
notify-line-helpful = { $name } marcó su respuesta como útil en { $where }
notify-line-follow = Novedad en lo que sigue: { $name } publicó en { $where }
notify-digest-subject = Ayni: { $count ->
    [one] 1 novedad
   *[other] { $count } novedades
} en los foros
notify-digest-intro = Esto pasó en los foros desde el último resumen:
notify-email-prefs = Puede cambiar qué correos recibe en:

space-attach = Adjuntar el video, el audio o el documento de referencia
space-attach-file = Archivo
space-attach-hint = PDF, MP4, WebM o MP3. Para videos largos, prefiera un enlace a una plataforma de video: pesa menos para quien se conecta desde el campo.
space-attach-send = Adjuntar
space-download-media = Descargar el archivo para verlo sin conexión
space-download-document = Descargar el documento
space-file-unsupported = Solo se aceptan archivos PDF, MP4, WebM o MP3.
forum-notice-file = El archivo quedó adjunto al espacio.
error-people-unknown = Alguna de estas direcciones no corresponde a una cuenta de Ayni. Revise que estén bien escritas; la persona debe registrarse antes.
space-edit = Editar el espacio
space-save = Guardar el espacio
forum-join-with-post = Todavía no participa en este foro: al publicar se unirá (un solo paso, y lo que escriba no se pierde).
forum-join-and-post = Unirme y publicar
forum-edit = Editar el foro
forum-save = Guardar el foro
forum-notice-saved = Los cambios del foro están guardados.
notify-mark-one = Marcar como leído
post-field-lang = Idioma del mensaje
error-confirm-to-post = Confirme su correo antes de publicar en los foros: le enviamos un enlace (puede pedirlo de nuevo en «Mi cuenta»). Lo que escribió no se perdió.
error-topic-title-long = El título puede tener hasta 200 caracteres; lo demás puede ir en el texto.
error-rate-previews = Pidió muchas vistas previas seguidas. Espere unos minutos; su texto sigue aquí.
notify-kind-submission = Fichas enviadas a revisión en mis convocatorias
notify-line-submission = { $name } envió una ficha a revisión: { $where }
