# Calls: creation, submission, review.
nav-calls = Calls
calls-title = Calls
calls-lead = Calls invite you to register territorial development experiences. Some have dates; others are always open.
calls-new = New call
calls-create = Create the call
calls-none = There are no calls yet.
call-window-open = Open
call-window-upcoming = Coming soon
call-window-closed = Closed
call-window-help-upcoming = This call is not accepting submissions yet. Come back from the opening date.
call-window-help-closed = This call has closed. Your sheets remain in the catalogue and you can improve them whenever you like.
call-opens = opens on { $date }
call-closes = closes on { $date }
call-continuous = continuous call
call-field-description = Description
call-field-instructions = Instructions
call-help-instructions = What those submitting should bear in mind (Markdown).
call-field-kind = Type of call
call-kind-periodic = Periodic, with opening and closing dates
call-kind-continuous = Continuous, always open
call-field-opens = Opening
call-field-closes = Closing
call-field-zone = Time zone of the dates
call-field-policy = Publication of sheets
call-policy-review = Sheets are reviewed before they are published.
call-policy-publish = Sheets are published when they are submitted.
call-field-facilitators = Facilitators
call-help-facilitators = Email addresses of the accounts that review submissions, separated by commas.
call-field-countries = Countries that can submit
call-help-countries = Leave everything unticked if the call is for the whole region.
call-field-questions = Additional questions (optional)
call-help-questions = For options, write one per line.
call-question-n = Question { $n }
call-question-kind = Type of answer
call-question-options = Options (one per line)
call-question-required = Answer required
call-qkind-short = Short text
call-qkind-long = Long text
call-qkind-single = One option
call-qkind-multiple = Several options
call-my-submissions = My submissions
call-submit-title = Submit an experience
call-no-sheets = First register the sheet for your experience.
call-choose-sheet = Sheet you are submitting
call-or-new-sheet = or register a new experience
call-submit = Submit
call-submit-help = After submitting, you can keep improving the sheet.
call-review-queue = Review of submissions
call-back = Back to the call
call-systematization = How the sheets received are documented
call-section = Section
call-developed = Developed
call-submissions = Submissions
call-no-submissions = There are no submissions yet.
call-answers = Answers
call-decisions = History
call-decide = Decision
call-comment = Comment for the submitter
call-comment-help = Required when requesting changes: say clearly what should be improved.
call-approve = Approve and publish
call-request-changes = Request changes
call-resubmit = Send again
call-resubmit-help = Once you have made the changes to the sheet, send it again for review.
submission-state-submitted = Under review
submission-state-changes_requested = Changes requested
submission-state-approved = Approved
decision-submitted = Submitted
decision-resubmitted = Sent again
decision-approve = Approved
decision-request_changes = Changes requested
error-call-date = Enter a valid date and time.
error-call-dates-order = The closing date must be after the opening date.
error-question-options = Questions with options need at least two options, one per line.
error-call-not-open = This call is not open yet. What you wrote has not been lost.
error-call-closed = This call has closed and is not accepting submissions. What you wrote has not been lost.
error-call-already-decided = This experience already has a decision in this call: applying again does not change it. See your submission from the sheet.
error-call-choose-sheet = Choose the sheet you are submitting.
error-call-country = The call does not include this experience's country.
error-call-answers = Some required questions have not been answered or an answer is not valid.
error-call-answer = Answer this question.
error-call-comment-required = Write which changes you are requesting.
error-call-already-approved = This submission has already been approved.
error-call-nothing-to-resubmit = No changes have been requested for this submission.
notice-call-created = The call has been created.
notice-submission-sent = Your submission has been sent. We'll let you know by email when it has been reviewed.
notice-submission-updated = Your submission had already been sent: it now has these answers. It is still waiting for review.
notice-submission-published = Your sheet has been submitted and is now published.
mail-review-approved-subject = Your sheet has been approved
mail-review-approved-body =
    Hello,

    The sheet “{ $title }” has been approved in the call “{ $call }” and is now published.
    { $comment }

    { $link }
mail-review-changes-subject = Changes have been requested to your sheet
mail-review-changes-body =
    Hello,

    In the call “{ $call }”, changes have been requested to the sheet “{ $title }”:

    { $comment }

    Once you have improved it, send it again from here:
    { $link }
home-open-calls = Open calls
call-field-themes = Themes of the call
call-help-themes = Leave everything unticked if the call welcomes experiences on any theme.
error-call-theme = The sheet covers none of this call's themes; add the matching theme to the sheet.
error-call-approve-incomplete = The sheet does not yet have what publication requires (summary, themes, objectives and problems addressed). Ask for changes saying what is missing.
error-call-changes-pending = Changes were already asked for: the submission comes back for review when its team resubmits it.
call-edit = Edit the call
call-edit-save = Save the changes
call-edit-questions-kept = The questions stay as they are: answers may already refer to them. Decisions already taken are kept when the dates change.
call-close = Close the call now
call-forums = The call's forum
notice-call-edited = Call saved.
notice-call-closed = Call closed: it takes no more submissions. Decisions already taken are kept.
audit-call = Calls
submission-state-withdrawn = Withdrawn (account deleted)
error-call-withdrawn = This submission was withdrawn: the account that sent it was deleted.
error-call-changed = This submission changed since you opened it (someone else decided, or the team resubmitted it). Read its current state below; your comment is still here to decide again.
error-call-confirm-email = This call publishes the sheet on submission: first confirm your e-mail with the link we sent you.
error-call-sheet-incomplete = This call publishes the sheet on submission, and the sheet cannot be published yet: publication needs the summary, at least one theme, the objectives and the problems it faces, and the sheet lacks one of them. Complete what is missing on the sheet and submit again; your answers are still here.
error-call-facilitator-unknown = There is no account with one of these addresses. Check each one: only registered people can review.
error-call-facilitator-role = One of these people is not a facilitator: only facilitators (or the administration) can review submissions.
error-call-answer-option = Choose among the options the question offers (only one, if the question asks for one).
error-call-answer-long = The answer is too long: up to 5000 characters.
error-question-kind = A question has an unknown answer type: choose one from the list.
