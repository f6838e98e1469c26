# Accounts: registration, sign-in, profile, e-mails.
field-name = Full name
field-email = Email
field-password = Password
help-password = At least 10 characters. A short phrase you can remember makes a good password.
field-country = Country
field-organisation = Organisation or institution
field-actor_type = Type of actor
field-lang = Preferred language
register-title = Create an account
register-lead = With an account you can register experiences, update them and take part in the exchanges. Contact details are not published.
register-submit = Create the account
register-have-account = Already have an account? Sign in
login-title = Sign in
login-submit = Sign in
login-forgot = I forgot my password
profile-title = My account
profile-data = My details
profile-save = Save my details
profile-confirm-pending = We sent a link to { $email } to confirm your email address. Until you confirm it, you can prepare sheets but not publish them.
profile-resend = Send the link again
forgot-title = Recover your password
forgot-lead = Enter the email address of your account and we'll send you a link to choose a new password.
forgot-submit = Send the link
forgot-sent = If there is an account with that email address, we've sent a link to it. Please also check your spam folder.
reset-title = Choose a new password
reset-submit = Save the password
error-name-required = Enter your name.
error-password-required = Enter a password.
error-password-short = The password must be at least 10 characters long.
error-login-failed = The email address or password doesn't match. Check the details and try again.
error-login-suspended = This account is suspended: you can't sign in for now. If you think this is a mistake, write to the site's administrators.
error-country-unknown = Choose a country from the list.
notice-welcome = Welcome to Ayni! Your email address is confirmed: you can now publish sheets and take part in the forums.
notice-profile-saved = Your details have been saved.
notice-email-confirmed = Your email address is confirmed. You can now publish sheets.
notice-confirmation-sent = We've sent the confirmation link again.
notice-password-changed = Your password has been changed. Sign in with your new password.
token-invalid-title = This link is no longer valid
token-invalid-body = The link has already been used or has expired. You can request a new one from your account or from “I forgot my password”.
mail-confirm-subject = Confirm your email address on Ayni
mail-confirm-body =
    Hello,

    To confirm your email address on Ayni, open this link:
    { $link }

    If you didn't create an account, please ignore this message.
mail-reset-subject = Choose a new password on Ayni
mail-reset-body =
    Hello,

    To choose a new password on Ayni, open this link (valid for one hour):
    { $link }

    If you didn't ask for this, please ignore this message: your password won't change.
register-sent-title = Check your email
register-sent-body = We sent a message to the address you wrote. Open the link in it to confirm your email address and sign in. If it doesn't arrive within a few minutes, check your spam folder.
mail-account-exists-subject = You already have an account on Ayni
mail-account-exists-body =
    Hello,

    Someone, perhaps you, tried to create an Ayni account with this email address, but you already have one.
    To sign in: { $login }
    If you don't remember your password: { $reset }

    If it wasn't you, ignore this message: your account has not changed.
login-to-send = To send what you wrote you need to sign in (your session ended, or you had not signed in yet). Nothing was lost: sign in and you can send it.
resend-title = What you wrote was not lost
resend-lead = You are signed in. Check what you wrote and send it again with the button.
resend-submit = Send again
