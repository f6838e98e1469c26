# Calls (convocatorias): creation, submission, review.
nav-calls = Convocatorias
calls-title = Convocatorias
calls-lead = Las convocatorias invitan a registrar experiencias de desarrollo territorial. Algunas tienen fechas; otras están siempre abiertas.
calls-new = Nueva convocatoria
calls-create = Crear la convocatoria
calls-none = Todavía no hay convocatorias.
call-window-open = Abierta
call-window-upcoming = Próximamente
call-window-closed = Cerrada
call-window-help-upcoming = Esta convocatoria todavía no recibe postulaciones. Vuelva a partir de la fecha de apertura.
call-window-help-closed = Esta convocatoria ya cerró. Sus fichas siguen en el catálogo y puede mejorarlas cuando quiera.
call-opens = abre el { $date }
call-closes = cierra el { $date }
call-continuous = convocatoria continua
call-field-description = Descripción
call-field-instructions = Instrucciones
call-help-instructions = Qué deben tener en cuenta quienes se postulan (Markdown).
call-field-kind = Tipo de convocatoria
call-kind-periodic = Periódica, con fechas de apertura y cierre
call-kind-continuous = Continua, siempre abierta
call-field-opens = Apertura
call-field-closes = Cierre
call-field-zone = Zona horaria de las fechas
call-field-policy = Publicación de las fichas
call-policy-review = Las fichas se revisan antes de publicarse.
call-policy-publish = Las fichas se publican al postularse.
call-field-facilitators = Facilitadoras y facilitadores
call-help-facilitators = Correos de las cuentas que revisan las postulaciones, separados por comas.
call-field-countries = Países que pueden postular
call-help-countries = Deje todo sin marcar si la convocatoria es para toda la región.
call-field-questions = Preguntas adicionales (opcionales)
call-help-questions = Para opciones, escriba una por línea.
call-question-n = Pregunta { $n }
call-question-kind = Tipo de respuesta
call-question-options = Opciones (una por línea)
call-question-required = Respuesta obligatoria
call-qkind-short = Texto breve
call-qkind-long = Texto largo
call-qkind-single = Una opción
call-qkind-multiple = Varias opciones
call-my-submissions = Mis postulaciones
call-submit-title = Postular una experiencia
call-no-sheets = Primero registre la ficha de su experiencia.
call-choose-sheet = Ficha que postula
call-or-new-sheet = o registre una experiencia nueva
call-submit = Postular
call-submit-help = Después de postular puede seguir mejorando la ficha.
call-review-queue = Revisión de postulaciones
call-back = Volver a la convocatoria
call-systematization = Cómo están documentadas las fichas recibidas
call-section = Sección
call-developed = Desarrollada
call-submissions = Postulaciones
call-no-submissions = Todavía no hay postulaciones.
call-answers = Respuestas
call-decisions = Historial
call-decide = Decisión
call-comment = Comentario para quien postuló
call-comment-help = Obligatorio al pedir cambios: diga con claridad qué mejorar.
call-approve = Aprobar y publicar
call-request-changes = Pedir cambios
call-resubmit = Volver a enviar
call-resubmit-help = Cuando haya hecho los cambios en la ficha, envíela de nuevo para revisión.
submission-state-submitted = En revisión
submission-state-changes_requested = Cambios pedidos
submission-state-approved = Aprobada
decision-submitted = Postulada
decision-resubmitted = Enviada de nuevo
decision-approve = Aprobada
decision-request_changes = Cambios pedidos
error-call-date = Escriba una fecha y hora válidas.
error-call-dates-order = El cierre debe ser posterior a la apertura.
error-question-options = Las preguntas de opciones necesitan al menos dos opciones, una por línea.
error-call-not-open = Esta convocatoria todavía no está abierta. Lo que escribió no se perdió.
error-call-closed = Esta convocatoria ya cerró y no recibe postulaciones. Lo que escribió no se perdió.
error-call-already-decided = Esta experiencia ya tiene una decisión en esta convocatoria: postular de nuevo no la cambia. Vea su postulación desde la ficha.
error-call-choose-sheet = Elija la ficha que postula.
error-call-country = La convocatoria no incluye el país de esta experiencia.
error-call-answers = Falta responder preguntas obligatorias o alguna respuesta no es válida.
error-call-answer = Responda esta pregunta.
error-call-comment-required = Escriba qué cambios pide.
error-call-already-approved = Esta postulación ya fue aprobada.
error-call-nothing-to-resubmit = No hay cambios pedidos para esta postulación.
notice-call-created = La convocatoria se creó.
notice-submission-sent = Su postulación se envió. Le avisaremos por correo cuando sea revisada.
notice-submission-updated = Su postulación ya estaba enviada: ahora tiene estas respuestas. Sigue esperando la revisión.
notice-submission-published = Su ficha se postuló y ya está publicada.
mail-review-approved-subject = Su ficha fue aprobada
mail-review-approved-body =
    Hola:

    La ficha «{ $title }» fue aprobada en la convocatoria «{ $call }» y ya está publicada.
    { $comment }

    { $link }
mail-review-changes-subject = Le piden cambios en su ficha
mail-review-changes-body =
    Hola:

    En la convocatoria «{ $call }» le piden cambios en la ficha «{ $title }»:

    { $comment }

    Cuando la mejore, vuelva a enviarla desde aquí:
    { $link }
home-open-calls = Convocatorias abiertas
call-field-themes = Temas de la convocatoria
call-help-themes = Deje todo sin marcar si la convocatoria recibe experiencias de cualquier tema.
error-call-theme = La ficha no trata ninguno de los temas de esta convocatoria; agregue el tema que corresponda en la ficha.
error-call-approve-incomplete = La ficha aún no tiene lo necesario para publicarse (resumen, temas, objetivos y problemas abordados). Pida cambios indicando qué falta.
error-call-changes-pending = Ya se pidieron cambios: la postulación vuelve a revisión cuando su equipo la reenvía.
call-edit = Editar la convocatoria
call-edit-save = Guardar los cambios
call-edit-questions-kept = Las preguntas quedan como están: ya puede haber respuestas que se refieren a ellas. Las decisiones tomadas se mantienen al cambiar las fechas.
call-close = Cerrar la convocatoria ahora
call-forums = Foro de la convocatoria
notice-call-edited = Convocatoria guardada.
notice-call-closed = Convocatoria cerrada: ya no recibe postulaciones. Las decisiones tomadas se mantienen.
audit-call = Convocatorias
submission-state-withdrawn = Retirada (cuenta borrada)
error-call-withdrawn = Esta postulación fue retirada: la cuenta que la envió se borró.
error-call-changed = Esta postulación cambió desde que la abrió (otra persona decidió o el equipo la reenvió). Lea su estado actual abajo; su comentario sigue aquí para decidir de nuevo.
error-call-confirm-email = Esta convocatoria publica la ficha al postular: antes confirme su correo con el enlace que le enviamos.
error-call-sheet-incomplete = Esta convocatoria publica la ficha al postular, y la ficha aún no puede publicarse: publicar pide el resumen, al menos un tema, los objetivos y los problemas que enfrenta, y a la ficha le falta alguno. Complete lo que falta en la ficha y vuelva a postular; sus respuestas siguen aquí.
error-call-facilitator-unknown = No hay ninguna cuenta con una de estas direcciones. Revise cada una: solo pueden revisar personas registradas.
error-call-facilitator-role = Una de estas personas no es facilitadora: solo las personas facilitadoras (o la administración) pueden revisar postulaciones.
error-call-answer-option = Elija entre las opciones que ofrece la pregunta (una sola, si la pregunta pide una).
error-call-answer-long = La respuesta es demasiado larga: hasta 5000 caracteres.
error-question-kind = Una pregunta tiene un tipo de respuesta desconocido: elija uno de la lista.
