# Connections: people, offers and needs, exchange requests, messages.

nav-people = People
nav-messages = Messages
error-required = This field is required.
error-choose-one = Choose an option.
error-one-line = Write it on a single line.

## Profiles and directory
people-title = People
people-intro = People from municipal teams, organisations and communities who chose to appear here so they can meet and exchange. Each person decides what they show.
people-any = All
people-filter = Filter
people-clear = Clear filters
people-count = { $count ->
    [one] { $count } person
   *[other] { $count } people
}
profile-languages = Languages
profile-sheets = Experiences they take part in
profile-role-owner = in charge of the sheet
profile-role-coeditor = co-editor
profile-activity = In the forums
profile-posts = { $count ->
    [one] { $count } contribution in the forums
   *[other] { $count } contributions in the forums
}
profile-edit = Edit my public profile
profile-public-title = Public profile
profile-public-intro = Your name and your country are always visible. Everything else appears only if you tick it here. Your email address is never shown: only the other party in an accepted exchange can see it.
profile-show-legend = What I show
profile-listed = Appear in the people directory
profile-show-organisation = Show my organisation
profile-show-actor = Show the type of actor
profile-show-sheets = Show the experiences I take part in
profile-show-activity = Show my activity in the forums
profile-bio = Short introduction
profile-bio-help = Who you are, what your team does, what you would like to exchange. Up to 1000 characters.
profile-contact = Contact for accepted exchanges
profile-contact-help = Only the other party will see it once an exchange is accepted (a phone number, an organisation email address…). If you leave it empty, they will see your account email address.
profile-preview = How others see you
profile-preview-help = Preview of what has been saved:
notice-public-profile-saved = Profile saved.

## Offers and needs
offers-title = What we share and what we are looking for
offers-intro = Say in a few words what your experience can share and what it hopes to learn. This helps other experiences find you and lets us suggest exchanges.
offers-heading-offer = What we can share
offers-heading-need = What we want to learn
offers-none = Nothing yet.
offers-remove = Remove
offers-from-section = comes from “{ $section }”
offers-add = Add
offers-direction = It is something that…
offers-theme = Theme
offers-body = In a few words
offers-body-help = For example: “How we organised community tourism with local families”. Up to 300 characters.
offers-section = Section of the sheet it comes from (optional)
offers-section-none = None in particular
offers-add-button = Add
offers-error-too-many = This list already has 8 items: remove one before adding another.
notice-offer-added = Added.
notice-offer-removed = Removed.
cooperation-title = Cooperation
cooperation-legend = This experience is looking for cooperation that is…
cooperation-technical = technical
cooperation-financial = financial
cooperation-south_south = between peers (South-South)
cooperation-seeks = Looking for cooperation
cooperation-save = Save
notice-cooperation-saved = Saved.
sheet-exchange-title = Exchange
match-title = Who matches this
match-they-offer = offers
match-they-seek = is looking for
match-reason-theme = Same theme: { $theme }
match-reason-words = Words in common: { $words }
propose-exchange = Propose an exchange
propose-exchange-help = The team receives your proposal; your email address is not shown until they accept it.
facet-intercambio = Exchange
facet-intercambio-ofrece = Offers something to share
facet-intercambio-busca = Wants to learn something
facet-cooperacion = Looking for cooperation
suggestions-title = Suggestions for your experiences
suggestions-none = No suggestions for now. Fill in what you share and what you are looking for to receive more.
suggestions-dismiss = Not interested
notice-suggestion-dismissed = You will not see that suggestion again.

## Exchange requests
ask-title = Propose an exchange
ask-intro = With the team behind “{ $title }”.
ask-suggested = Suggested reason (as the proposer states it)
ask-from = From my experience (optional)
ask-from-none = None in particular
ask-purpose = What you hope to learn or offer
ask-purpose-help = Tell them who you are and what you would like to exchange. Up to 1000 characters.
ask-ways = How
ask-privacy = The team will see your name and this message. Your contact details are shared only if they accept.
ask-send = Send the proposal
way-conversation = written conversation
way-video = video call
way-visit = visit
way-documents = sharing documents
exchange-error-not-published = You can only propose an exchange to a published experience.
exchange-error-own-sheet = This is an experience from your own team.
exchange-error-blocked = The team behind this experience does not accept proposals from you.
exchange-error-open = You already have a proposal waiting for a reply from this team.
ask-see-waiting = See the proposal waiting for an answer
ask-not-sent = What you wrote (not sent)
ask-not-sent-help = Copy it if you want to use it: you can write it in the conversation once the team answers, or withdraw the waiting proposal and send a new one.
exchange-error-answered = This proposal has already been answered.
exchange-error-withdrawn = This proposal was withdrawn by whoever sent it.
exchange-error-proposal = Write what you propose instead.
exchange-error-ways = Choose at least one way to exchange.
exchange-error-too-many = You have sent many proposals today. Please try again tomorrow.
exchanges-title = Exchanges
exchanges-incoming = Proposals received
exchanges-outgoing = Proposals sent
exchanges-none-incoming = You have not received any proposals yet.
exchanges-none-outgoing = You have not sent any proposals yet.
exchanges-find = Find experiences
exchange-title = Exchange proposal
exchange-from = From
exchange-to = To
exchange-when = Sent
exchange-answer = Reply
exchange-contacts = The other party's contact details
exchange-open-conversation = Go to the conversation
exchange-answer-title = Reply
exchange-answer-message = Message (optional to accept or decline; required to propose something else)
exchange-answer-help = A kind reply helps, even when you decline.
exchange-accept = Accept
exchange-propose = Propose something else
exchange-decline = Decline
exchange-accept-proposal = Accept what they propose
exchange-withdraw = Withdraw the proposal
exchange-trouble = Any problem?
exchange-block-help = Blocking stops this person from proposing exchanges to this experience again.
exchange-block = Block this person
exchange-report-reason = Tell the facilitators what happened
exchange-report = Report abuse
exchange-state-pending = Waiting for a reply
exchange-state-proposed = They proposed something else
exchange-state-accepted = Accepted
exchange-state-declined = Declined
exchange-state-withdrawn = Withdrawn
notice-request-sent = Proposal sent. The team has been notified.
notice-request-answered = Reply sent.
notice-request-accepted = Exchange accepted: you can now talk to each other.
notice-request-withdrawn = Proposal withdrawn.
notice-request-blocked = Person blocked for this experience.
notice-request-reported = Thank you: the facilitators will look into it.
reports-title = Abuse reports
reports-none = There are no reports.
reports-handled = handled
reports-mark-handled = Mark as handled
notice-report-handled = Marked as handled.

## Conversations
messages-intro = Private conversations from accepted exchanges.
messages-none = You do not have any conversations yet. They start when an exchange is accepted.
messages-unread = { $count ->
    [one] { $count } unread
   *[other] { $count } unread
}
messages-closed = closed
messages-private = Only the people from both teams can read this conversation.
messages-members = Who is taking part
messages-add-person = Add someone who co-edits one of your sheets (the email address of their Ayni account)
messages-add = Add
messages-leave = Leave the conversation
messages-block = Block and close
messages-older = Earlier messages
messages-newer = More recent messages
messages-empty = There are no messages yet. Write the first one.
messages-closed-help = This conversation is closed: nobody can write in it.
messages-not-sent = Your message was not sent; here is what you wrote, to copy it.
messages-write = Write
messages-body = Message
messages-body-help = You can use Markdown: **bold**, lists, links. Up to 5000 characters.
messages-file = Attach a file (optional)
messages-send = Send
messages-error-closed = This conversation is closed.
notice-member-added = Person added to the conversation.
notice-conversation-closed = Conversation closed: the other party can no longer write here or propose exchanges to your experience in this conversation.
notice-conversation-left = You have left the conversation.

## Notifications
notify-kind-exchange = Exchange proposals
notify-kind-message = Messages
notify-line-message = { $name } wrote to you in { $where }
notify-line-exchange-pending = { $name } proposes an exchange with { $where }
notify-line-exchange-proposed = { $name } proposes something else for the exchange with { $where }
notify-line-exchange-accepted = { $name } accepted the exchange with { $where }
notify-line-exchange-declined = { $name } declined the exchange with { $where }
notify-line-exchange-withdrawn = { $name } withdrew the exchange proposal with { $where }

## Languages
language-es = Spanish
language-pt = Portuguese
language-en = English
language-fr = French
language-qu = Quechua
language-ay = Aymara
language-gn = Guarani
language-ht = Haitian Creole
language-nl = Dutch

messages-error-not-team = You can only add people who co-edit one of your sheets and are not already on the other side. Invite them as co-editors first.
exchange-error-not-proposed = The other team has not proposed anything else: there is nothing to accept yet.
upload-empty-file = The file is empty. Choose another one or send the message without a file.
messages-error-too-many = You sent many messages in a row. Wait a few minutes: what you wrote is still here.
exchange-error-no-team = Nobody can answer for this experience now (its team is no longer on Ayni).
exchange-error-asker-gone = Whoever proposed this exchange no longer has an active account: it cannot be accepted.
