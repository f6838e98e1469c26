# Exchange forums: spaces for horizontal dialogue among peers.
nav-forums = Forums
nav-notifications = Notifications
nav-notifications-unread = Notifications ({ $count } { $count ->
    [one] new
   *[other] new
})

forums-title = Exchange forums
forums-lead = Spaces where peers talk about what we have learned from our territorial development experiences: talks, debate tables, contributions, innovations and an improvement workshop.
forums-new = Create a forum
forums-none = There are no open forums yet.
forum-member-count = { $count ->
    [one] 1 participant
   *[other] { $count } participants
}
forum-space-count = { $count ->
    [one] 1 space
   *[other] { $count } spaces
}
forum-field-title = Forum title
forum-field-description = Introduction
forum-field-time-zone = Time zone for the dates
forum-field-starts = Starts
forum-field-ends = Ends
forum-field-call = Linked call (optional)
forum-no-call = None
forum-field-facilitators = Other facilitators (email addresses)
forum-facilitators-hint = You are facilitating this forum. Add the email addresses of the people facilitating it with you, separated by commas.
forum-markdown-hint = You can use Markdown: **bold**, *italics*, lists with hyphens, links and quotes with >.
forum-mention-hint = To mention someone taking part, type @ followed by their name (for example, @Rosa Mamani).
forum-create = Create the forum
forum-linked-call = Linked call
forum-you-joined = You are taking part in this forum
forum-join = Join the forum
forum-join-help = Once you join, you can post, reply and receive notifications.
forum-join-to-post = To post in this space, join the forum first.
forum-sign-in-to-join = Sign in to join and take part
forum-new-space = Add a space
forum-moderation = Moderation
forum-open-dilemmas = Dilemmas without a helpful reply
forum-participation = Participation
forum-no-spaces = This forum has no spaces yet.
forum-facilitators = Facilitated by
forum-who-takes-part = { $count ->
    [one] 1 person is taking part
   *[other] { $count } people are taking part
}
forum-hidden-post = This message is hidden while the facilitation team reviews it.
forum-preview = Preview
forum-notice-created = The forum has been created. Now add its spaces.
forum-notice-joined = You are now taking part in this forum.
forum-notice-space = The space is ready.
forum-notice-posted = Your post is now visible.
forum-notice-position = Your position has been recorded. You can revise it while the debate table is open.
forum-notice-replied = Your reply is now visible.
forum-notice-edited = Your changes are saved; the previous version stays in the history.
forum-notice-flagged = Thank you. The facilitation team will review the message.
forum-notice-hidden = Thank you. Following your flag, the message is hidden until the facilitation team reviews it.
forum-notice-moderated = Moderation action recorded.
forum-notice-following = You'll be notified of new activity.
forum-notice-unfollowed = You'll no longer be notified of this activity.

space-kind-conference = Talk
space-kind-debate = Debate table
space-kind-contribution = Contributions
space-kind-innovation = Innovations
space-kind-workshop = Improvement workshop
space-kind-plural-conference = Talks
space-kind-plural-debate = Debate tables
space-kind-plural-contribution = Contributions
space-kind-plural-innovation = Innovations
space-kind-plural-workshop = Improvement workshops
space-kind-help-conference = A guest shares their experience; participants ask questions and vote on them, and the speaker answers.
space-kind-help-debate = An open question: each person takes a position (in favour, against or with nuances) and argues it from their own practice.
space-kind-help-contribution = Each person shares something they learned about the topic, drawing on their experience.
space-kind-help-innovation = What changed in a practice, what learning prompted it and what came of it.
space-kind-help-workshop = Questions and dilemmas put to peers and to the facilitation team; whoever asks marks the replies that helped them.
space-topic-count-conference = { $count ->
    [one] 1 question
   *[other] { $count } questions
}
space-topic-count-debate = { $count ->
    [one] 1 position
   *[other] { $count } positions
}
space-topic-count-contribution = { $count ->
    [one] 1 contribution
   *[other] { $count } contributions
}
space-topic-count-innovation = { $count ->
    [one] 1 innovation
   *[other] { $count } innovations
}
space-topic-count-workshop = { $count ->
    [one] 1 dilemma
   *[other] { $count } dilemmas
}
space-post-count = { $count ->
    [one] 1 message
   *[other] { $count } messages
}
space-last-activity = last activity on { $date }
space-field-kind = Type of space
space-field-title = Space title
space-field-description = Introduction (for a debate table, the reference document)
space-field-video = Video link (optional)
space-video-hint = Full address on a video platform, for example https://www.youtube.com/watch?v=…
space-field-opens = Accepts posts from
space-field-closes = Accepts posts until
space-times-hint = Dates and times in { $zone }. Leave them empty for the space to stay open at all times.
space-only-conference = Talks only.
space-only-debate = Debate tables only.
space-field-speakers = Speakers (email addresses)
space-speakers-hint = Only these people answer the questions in the talk.
space-field-affiliation = Speaker's institution or organisation
space-field-bio = Short bio of the speaker
space-field-session = Session date and time
space-field-question = Question under debate
space-create = Create the space
space-session = Session: { $date }
space-question = Question under debate
space-reference = Reference document
space-watch-video = Watch the video
space-window = Accepts posts: { $dates }
space-filter = Filter
space-list-conference = Questions and comments
space-list-debate = Positions
space-list-contribution = Contributions
space-list-innovation = Innovations
space-list-workshop = Questions and dilemmas
space-empty-conference = No questions yet. Ask the first one!
space-empty-debate = Nobody has taken a position yet.
space-empty-contribution = No contributions yet.
space-empty-innovation = No innovations shared yet.
space-empty-workshop = No questions or dilemmas yet.
filter-all-conference = All
filter-all-debate = All
filter-all-workshop = All
filter-respondidas = Answered
filter-sin-responder = Unanswered
filter-favor = In favour
filter-contra = Against
filter-matices = With nuances
filter-abiertos = Open
filter-resueltos = Resolved
live-updated = The list has been updated with the latest activity.
follow-space = Follow this space
follow-topic = Follow this conversation
follow-stop = Unfollow

stance-favor = In favour
stance-contra = Against
stance-matices = With nuances
audience-peers = To peers
audience-facilitators = To the facilitation team
audience-both = To peers and the facilitation team
debate-spread = How the positions are spread
debate-spread-caption = { $count ->
    [one] 1 position
   *[other] { $count } positions
}
debate-count = People
debate-revise = Revise your position
debate-revise-help = You have already taken a position at this table. If you revise it, the previous version stays visible in its history.
debate-revise-submit = Save my revised position
question-votes = { $count ->
    [one] 1 vote
   *[other] { $count } votes
}
question-vote = Support this question
question-unvote = Withdraw my support
question-answered = Answered
dilemma-resolved = Resolved
dilemma-resolve = Mark as resolved
dilemma-reopen = Reopen
helpful-mark = This helped me
helpful-unmark = Remove “this helped me”
topic-closed = Closed by the facilitation team
topic-reply-count = { $count ->
    [one] 1 reply
   *[other] { $count } replies
}
topic-open-conference = View the question
topic-open-debate = View the position
topic-open-contribution = Read the contribution
topic-open-innovation = Read the innovation
topic-open-workshop = View the dilemma
topic-form-conference = Ask a question or leave a comment
topic-form-debate = Take your position
topic-form-contribution = Share a contribution
topic-form-innovation = Share an innovation
topic-form-workshop = Raise a question or dilemma
topic-submit-conference = Post the question
topic-submit-debate = Post my position
topic-submit-contribution = Post the contribution
topic-submit-innovation = Post the innovation
topic-submit-workshop = Raise the dilemma
topic-field-title = Title
topic-field-stance = Position
topic-field-audience = Who is it for?
topic-body-conference = Your question or comment
topic-body-debate = Your argument
topic-body-contribution = What you learned
topic-body-innovation = Short introduction
topic-body-workshop = Your question or dilemma
topic-field-change = What changed in practice
topic-field-learning = What learning prompted it
topic-field-outcome = What came of it
topic-field-practice = From my practice (optional)
topic-practice-hint = Cite one of your experience sheets: it will be shown with its title and country.
topic-no-practice = No sheet cited
replies-title-conference = Answers from the speaker
replies-title-debate = Replies to this position
replies-title-contribution = Replies
replies-title-innovation = Replies
replies-title-workshop = Replies
replies-none-conference = No answer yet.
replies-none-debate = Nobody has replied to this position yet.
replies-none-contribution = No replies yet.
replies-none-innovation = No replies yet.
replies-none-workshop = No replies yet. Do you know of a similar experience?
reply-form-conference = Answer as the speaker
reply-form-debate = Reply to this position
reply-form-contribution = Reply
reply-form-innovation = Reply
reply-form-workshop = Reply to the dilemma
reply-submit-conference = Post the reply
reply-submit-debate = Post the reply
reply-submit-contribution = Post the reply
reply-submit-innovation = Post the reply
reply-submit-workshop = Post the reply
reply-body = Your reply
reply-speakers-only = In a talk, only the speaker answers the questions. You can support this question with your vote.
reply-closed = This conversation isn't accepting replies right now.

post-edited = edited (see versions)
post-helpful = Helped the person who asked
post-from-practice = From my practice
post-cites = Cited sheet
post-useful = Useful to me
post-quote = Quote
post-edit = Edit
post-edit-help = You can correct what you wrote for a while after posting it; the previous version stays in the history.
post-save = Save changes
post-back = Back to the conversation
post-flag = Flag
post-flag-reason = Reason
post-flag-send = Send the flag
post-history = Message history
post-current-version = Current version
post-earlier-versions = Earlier versions
post-no-earlier = There are no earlier versions.
flag-spam = Advertising or spam
flag-offensive = Offensive
flag-offtopic = Off topic

mod-help = Flagged messages appear here. A message with enough flags is hidden automatically until you decide. Every action is recorded.
mod-queue = Messages to review
mod-queue-empty = There are no messages to review.
mod-hidden = Hidden
mod-hide = Hide
mod-restore = Restore
mod-dismiss = Dismiss the flags
mod-close = Close the conversation
mod-reopen = Reopen the conversation
mod-see-in-context = See it in its conversation
mod-log = Moderation log
mod-log-empty = No actions recorded yet.
mod-log-when = When
mod-log-who = Who
mod-log-action = Action
mod-log-post = Message
mod-log-automatic = Automatic (flags)
mod-action-hide = Hid
mod-action-restore = Restored
mod-action-close = Closed the conversation
mod-action-reopen = Reopened the conversation
mod-action-auto-hide = Hidden by flags
dilemmas-help = Questions and dilemmas still open that haven't had a helpful reply, from oldest to most recent.
dilemmas-none = No open dilemmas without a helpful reply.
participation-help = Who joined, how much they posted and how many forum pages they read. Only reads are counted, nothing more.
participation-person = Person
participation-joined = Joined
participation-posts = Posts
participation-reads = Reads
participation-last-post = Last post

error-forum-title = Enter a title of at least 5 characters.
error-forum-date = Enter the full date and time (for example 2026-12-01 09:00).
error-forum-dates-order = The end date must be after the start date.
error-space-kind = Choose the type of space.
error-video-url = Enter the full address of the video, starting with https://.
error-debate-question = Enter the question under debate (at least 10 characters).
error-speakers-missing = Give the email address of at least one speaker.
error-topic-title = Enter a title of at least 5 characters.
error-body-empty = Write your message.
error-question-empty = Write your question or comment.
error-argument-empty = Write the argument for your position.
error-stance-missing = Choose your position: in favour, against or with nuances.
error-innovation-part = Complete this part of the innovation.
error-audience-missing = Choose who your question or dilemma is for.
error-body-long = The text is too long (maximum 20,000 characters).
error-experience-not-yours = You can only cite sheets that you edit.
error-not-member = Join the forum to post here. What you wrote has been kept.
error-space-closed = This space is no longer accepting posts. What you wrote is kept below in case you want to save it.
error-space-not-open = This space isn't accepting posts yet. What you wrote has been kept.
error-topic-hidden = This message is hidden by moderation and isn't accepting replies. What you wrote has been kept.
error-own-post = You can't do this on your own post: support, "Useful to me" and flags come from other people.
error-topic-closed = This conversation is closed and isn't accepting replies. What you wrote has been kept.
error-speakers-only = In a talk, only the speaker answers the questions.
error-author-only = Only the person who raised the dilemma can do this.
error-facilitators-only = Only the facilitation team can moderate.
error-not-allowed = This action isn't available here.
error-edit-window = The time for editing this message has passed. You can post a reply with the clarification.
error-rate-posts = You've posted a lot of messages in a short time. Please wait a few minutes; what you wrote has been kept.
error-rate-flags = You've sent a lot of flags in a short time. Please try again later.
error-flag-reason = Choose a reason for the flag.

notify-title = Notifications
notify-none = You have no notifications.
notify-new = New
notify-mark-all = Mark all as read
notify-prefs = Email notification preferences
notify-prefs-help = For each type of notification, choose whether you want an email straight away, a daily digest or no email. Notifications always appear on this page.
notify-save = Save preferences
notify-notice-read = All notifications have been marked as read.
notify-notice-saved = Preferences saved.
notify-kind-reply = Replies to what I posted
notify-kind-answer = Answers to my questions in talks
notify-kind-mention = Mentions
notify-kind-helpful = When my reply is marked as helpful
notify-kind-follow = New activity in what I follow
notify-mode-immediate = Email straight away
notify-mode-digest = Daily digest
notify-mode-none = No email
notify-line-reply = { $name } replied to your post in { $where }
notify-line-answer = { $name } answered your question in { $where }
notify-line-mention = { $name } mentioned you in { $where }
notify-line-helpful = { $name } marked your reply as helpful in { $where }
notify-line-follow = New in what you follow: { $name } posted in { $where }
notify-digest-subject = Ayni: { $count ->
    [one] 1 update
   *[other] { $count } updates
} in the forums
notify-digest-intro = Here's what happened in the forums since the last digest:
notify-email-prefs = You can change which emails you receive at:

space-attach = Attach the video, the audio or the reference document
space-attach-file = File
space-attach-hint = PDF, MP4, WebM or MP3. For long videos, prefer a link to a video platform: it weighs less for people connecting from the countryside.
space-attach-send = Attach
space-download-media = Download the file to watch it offline
space-download-document = Download the document
space-file-unsupported = Only PDF, MP4, WebM or MP3 files are accepted.
forum-notice-file = The file is now attached to the space.
error-people-unknown = One of these addresses does not belong to an Ayni account. Check the spelling; the person must register first.
space-edit = Edit the space
space-save = Save the space
forum-join-with-post = You have not joined this forum yet: posting joins you (one step, and nothing you write is lost).
forum-join-and-post = Join and post
forum-edit = Edit the forum
forum-save = Save the forum
forum-notice-saved = The forum's changes are saved.
notify-mark-one = Mark as read
post-field-lang = Language of the message
error-confirm-to-post = Confirm your e-mail before posting in the forums: we sent you a link (you can ask for it again under “My account”). What you wrote is kept.
error-topic-title-long = The title can have up to 200 characters; the rest can go in the text.
error-rate-previews = You asked for many previews in a row. Wait a few minutes; your text is still here.
notify-kind-submission = Sheets sent for review in my calls
notify-line-submission = { $name } sent a sheet for review: { $where }
