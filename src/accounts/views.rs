//! Template structs for account pages.

use super::AccountForm;
use crate::taxonomy::Taxonomy;
use crate::web::{Ctx, FieldErrors};
use askama::Template;

#[derive(Template)]
#[template(path = "accounts/register.html")]
pub struct RegisterPage {
    pub ctx: Ctx,
    pub form: AccountForm,
    pub errors: FieldErrors,
    pub taxonomy: Taxonomy,
}

#[derive(Template)]
#[template(path = "accounts/profile.html")]
pub struct ProfilePage {
    pub ctx: Ctx,
    pub form: AccountForm,
    pub errors: FieldErrors,
    pub taxonomy: Taxonomy,
    pub notice: Option<String>,
    /// Suggested exchanges for each of my published sheets.
    pub suggestions: Vec<crate::connections::web::SuggestionGroup>,
}

#[derive(Template)]
#[template(path = "accounts/login.html")]
pub struct LoginPage {
    pub ctx: Ctx,
    pub email: String,
    pub return_to: String,
    pub errors: FieldErrors,
    pub notice: Option<String>,
    /// A form sent without a session, to send again after signing in (see `resend`).
    pub kept: String,
}

#[derive(Template)]
#[template(path = "accounts/resend.html")]
pub struct ResendPage {
    pub ctx: Ctx,
    /// Where the form was going.
    pub action: String,
    pub fields: Vec<(String, String)>,
    /// What the person typed, shown back before sending.
    pub texts: Vec<String>,
}

#[derive(Template)]
#[template(path = "accounts/forgot.html")]
pub struct ForgotPage {
    pub ctx: Ctx,
    pub email: String,
    pub errors: FieldErrors,
    pub sent: bool,
}

#[derive(Template)]
#[template(path = "accounts/reset.html")]
pub struct ResetPage {
    pub ctx: Ctx,
    pub token: String,
    pub errors: FieldErrors,
}

#[derive(Template)]
#[template(path = "accounts/notice.html")]
pub struct NoticePage {
    pub ctx: Ctx,
    pub title_key: &'static str,
    pub body_key: &'static str,
}
