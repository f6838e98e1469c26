//! Accounts: users, roles, passwords (argon2id), sessions in the database, e-mail confirmation
//! and password reset tokens. Owns the tables `users`, `sessions`, `email_tokens`.
//! Other modules read users only through the functions here.

mod personal;
pub mod privacy;
mod recovery;
pub mod resend;
pub mod routes;
mod store;
mod views;

use crate::db::Db;
use crate::refusal::Refusal;
use crate::web::{FieldErrors, hash_token, random_token};
use argon2::Argon2;
use argon2::password_hash::{
    PasswordHash, PasswordHasher, PasswordVerifier, SaltString, rand_core::OsRng,
};
use serde::Deserialize;

pub use store::{find_by_email, find_by_id};

pub const SESSION_DAYS: i64 = 30;

crate::text_enum! {
    /// What a person may do on the site, stored as its code; an unknown stored role is an
    /// error, never a quiet demotion or promotion.
    pub enum Role {
        Participant = "participant",
        Facilitator = "facilitator",
        Admin = "admin",
    }
}

crate::record! {
    /// A person with an account, as read from `users`.
    pub struct User {
        pub id: i64,
        pub email: String,
        pub name: String,
        pub role: Role,
        pub lang: String,
        pub country_code: Option<String>,
        pub organisation: String,
        pub actor_type: String,
        pub email_confirmed_at: Option<i64>,
    }
}

impl User {
    /// They followed the link e-mailed to their address.
    pub fn email_confirmed(&self) -> bool {
        self.email_confirmed_at.is_some()
    }
}

/// The fields a person fills to register or edit their profile (raw, as typed).
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct AccountForm {
    pub name: String,
    pub email: String,
    pub password: String,
    pub country: String,
    pub organisation: String,
    pub actor_type: String,
    pub lang: String,
}

/// A valid e-mail address, lower-cased.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Email(String);

impl Email {
    pub fn parse(s: &str) -> Result<Email, &'static str> {
        let s = s.trim().to_lowercase();
        // ASCII only: many mail servers in the region cannot deliver to other addresses
        let valid = s.len() <= 254
            && s.is_ascii()
            && !s.contains(char::is_whitespace)
            && s.split_once('@').is_some_and(|(local, domain)| {
                !local.is_empty()
                    && domain.contains('.')
                    && !domain.starts_with('.')
                    && !domain.ends_with('.')
                    && !domain.contains('@')
                    // reserved, never delivered: deleted accounts keep such a placeholder
                    && !domain.ends_with(".invalid")
            })
            // and one the mailer can write to (lettre's own parser)
            && s.parse::<lettre::Address>().is_ok();
        if s.is_empty() {
            Err("error-email-required")
        } else if valid {
            Ok(Email(s))
        } else {
            Err("error-email-invalid")
        }
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Profile data that passed every rule.
#[derive(Debug, Clone)]
pub struct Profile {
    pub name: String,
    pub country: Option<String>,
    pub organisation: String,
    pub actor_type: String,
    pub lang: String,
}

pub struct NewAccount {
    pub email: Email,
    pub password: String,
    pub profile: Profile,
}

impl Profile {
    pub fn parse(
        f: &AccountForm,
        taxonomy: &crate::taxonomy::Taxonomy,
        errors: &mut FieldErrors,
    ) -> Option<Profile> {
        let name = crate::web::form::clean_line(&f.name);
        let name = name.as_str();
        if crate::web::form::is_blank(name) {
            errors.add("name", "error-name-required");
        } else if name.chars().count() > 200 {
            errors.add("name", "error-too-long-200");
        }
        let country = match f.country.trim() {
            "" => None,
            c if taxonomy.country(c).is_some() => Some(c.to_string()),
            _ => {
                errors.add("country", "error-country-unknown");
                None
            }
        };
        let actor_type = f.actor_type.trim();
        if !actor_type.is_empty() && taxonomy.term("actor", actor_type).is_none() {
            errors.add("actor_type", "error-choice-unknown");
        }
        if f.organisation.chars().count() > 200 {
            errors.add("organisation", "error-too-long-200");
        }
        // no choice is the default language; an unknown one is refused, never replaced
        let lang = match f.lang.trim() {
            "" => crate::i18n::Lang::default(),
            code => crate::i18n::Lang::parse(code).unwrap_or_else(|| {
                errors.add("lang", "error-choice-unknown");
                crate::i18n::Lang::default()
            }),
        };
        let lang = lang.code().to_string();
        errors.is_empty().then(|| Profile {
            name: name.to_string(),
            country,
            organisation: crate::web::form::clean_line(&f.organisation),
            actor_type: actor_type.to_string(),
            lang,
        })
    }
}

pub fn check_password(p: &str) -> Result<(), &'static str> {
    match p.chars().count() {
        0 => Err("error-password-required"),
        n if n < 10 => Err("error-password-short"),
        n if n > 200 => Err("error-too-long-200"),
        _ => Ok(()),
    }
}

impl NewAccount {
    pub fn parse(
        f: &AccountForm,
        taxonomy: &crate::taxonomy::Taxonomy,
    ) -> Result<NewAccount, FieldErrors> {
        let mut errors = FieldErrors::new();
        let email = Email::parse(&f.email)
            .map_err(|e| errors.add("email", e))
            .ok();
        if let Err(e) = check_password(&f.password) {
            errors.add("password", e);
        }
        let profile = Profile::parse(f, taxonomy, &mut errors);
        match (email, profile) {
            (Some(email), Some(profile)) if errors.is_empty() => Ok(NewAccount {
                email,
                password: f.password.clone(),
                profile,
            }),
            _ => Err(errors),
        }
    }
}

pub async fn hash_password(password: String) -> anyhow::Result<String> {
    tokio::task::spawn_blocking(move || {
        let salt = SaltString::generate(&mut OsRng);
        Argon2::default()
            .hash_password(password.as_bytes(), &salt)
            .map(|h| h.to_string())
            .map_err(|e| anyhow::anyhow!("hashing failed: {e}"))
    })
    .await?
}

async fn verify_password(password: String, hash: String) -> anyhow::Result<bool> {
    tokio::task::spawn_blocking(move || {
        let parsed =
            PasswordHash::new(&hash).map_err(|e| anyhow::anyhow!("bad stored hash: {e}"))?;
        Ok(Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok())
    })
    .await?
}

/// What a registration did. The page answers the same either way, so nobody learns from it
/// whether an address has an account.
#[derive(Debug)]
pub enum Registered {
    /// A new account; its confirmation link carries the password chosen.
    New { id: i64, password_hash: String },
    /// The address belongs to an account nobody confirmed yet: a new confirmation link goes
    /// out, carrying this registration's password (whoever opens it chose it).
    Unconfirmed { user: User, password_hash: String },
    /// The address belongs to a confirmed account: its holder is told by e-mail.
    Confirmed(User),
}

/// Creates an account (unconfirmed e-mail), or finds the one that holds the address. The
/// password is hashed in every case, so all take the same time.
pub async fn register(db: &Db, account: NewAccount, role: Role) -> anyhow::Result<Registered> {
    let password_hash = hash_password(account.password).await?;
    let email = account.email.as_str();
    match store::insert_user(db, email, &password_hash, &account.profile, role).await? {
        Some(id) => Ok(Registered::New { id, password_hash }),
        None => {
            let user = store::find_by_email(db, email)
                .await?
                .ok_or_else(|| anyhow::anyhow!("the account holding {email} vanished"))?;
            Ok(if user.email_confirmed() {
                Registered::Confirmed(user)
            } else {
                Registered::Unconfirmed {
                    user,
                    password_hash,
                }
            })
        }
    }
}

/// Checks an e-mail and password. Spends the same time whether or not the account exists.
pub async fn authenticate(db: &Db, email: &str, password: &str) -> Result<User, Refusal> {
    static DUMMY: tokio::sync::OnceCell<String> = tokio::sync::OnceCell::const_new();
    let found = store::find_credentials(db, &email.trim().to_lowercase()).await?;
    let (account, hash) = match found {
        Some((id, hash, suspended)) => (Some((id, suspended)), hash),
        None => {
            let dummy = DUMMY
                .get_or_try_init(|| hash_password("not a real password".into()))
                .await?;
            (None, dummy.clone())
        }
    };
    let ok = verify_password(password.to_string(), hash)
        .await
        .unwrap_or(false);
    match (ok, account) {
        // only the right password learns of the suspension (no probing who is suspended)
        (true, Some((_, Some(_)))) => Err(Refusal::Forbidden("error-login-suspended")),
        (true, Some((id, None))) => store::find_by_id(db, id)
            .await?
            .ok_or(Refusal::Invalid("error-login-failed")),
        _ => Err(Refusal::Invalid("error-login-failed")),
    }
}

/// Starts a session and returns the secret token for the cookie.
pub async fn start_session(db: &Db, user_id: i64) -> anyhow::Result<String> {
    let token = random_token(32);
    store::insert_session(
        db,
        &hash_token(&token),
        user_id,
        crate::now() + SESSION_DAYS * 86400,
    )
    .await?;
    Ok(token)
}

pub async fn end_session(db: &Db, token: &str) -> anyhow::Result<()> {
    store::delete_session(db, &hash_token(token)).await
}

pub async fn user_for_session(db: &Db, token: &str) -> anyhow::Result<Option<User>> {
    store::user_for_session(db, &hash_token(token), crate::now()).await
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenPurpose {
    Confirm,
    Reset,
}

impl TokenPurpose {
    fn as_str(self) -> &'static str {
        match self {
            TokenPurpose::Confirm => "confirm",
            TokenPurpose::Reset => "reset",
        }
    }
    fn lifetime(self) -> i64 {
        match self {
            TokenPurpose::Confirm => 7 * 86400,
            TokenPurpose::Reset => 3600,
        }
    }
}

/// Issues a one-time token and queues the e-mail that carries it (`mail(token)`), in one
/// transaction: either both exist or neither.
pub async fn issue_email_token(
    db: &Db,
    user_id: i64,
    purpose: TokenPurpose,
    password_hash: Option<&str>,
    mail: impl FnOnce(&str) -> crate::mail::Mail,
) -> anyhow::Result<()> {
    let token = random_token(32);
    let message = mail(&token);
    store::insert_email_token(
        db,
        &hash_token(&token),
        user_id,
        purpose.as_str(),
        crate::now() + purpose.lifetime(),
        password_hash,
        &message,
    )
    .await
}

#[derive(serde::Serialize, serde::Deserialize)]
struct ResetRequest {
    email: String,
    lang: String,
}

/// Queues a password-reset request (job kind `reset`). The request does the same work
/// whether or not the address has an account; the job looks it up.
pub async fn request_reset(db: &Db, email: &str, lang: crate::i18n::Lang) -> anyhow::Result<()> {
    let payload = serde_json::to_string(&ResetRequest {
        email: email.to_string(),
        lang: lang.code().to_string(),
    })?;
    let mut conn = db.pool.acquire().await?;
    crate::jobs::enqueue(&mut conn, "reset", None, &payload, crate::now()).await
}

/// Runs a `reset` job: when the address has an account, issues a reset token and queues the
/// e-mail carrying it, in the account's language (else the language it was asked in).
pub async fn send_reset(db: &Db, base_url: &str, payload: &str) -> anyhow::Result<()> {
    let request: ResetRequest = serde_json::from_str(payload)?;
    let Some(user) = store::find_by_email(db, &request.email).await? else {
        return Ok(());
    };
    if !is_active(db, user.id).await? {
        // suspended or deleted: no way back in through a reset
        return Ok(());
    }
    let lang = crate::i18n::Lang::parse(&user.lang)
        .or_else(|| crate::i18n::Lang::parse(&request.lang))
        .unwrap_or_default();
    issue_email_token(db, user.id, TokenPurpose::Reset, None, |token| {
        crate::mail::Mail {
            to: user.email.clone(),
            subject: lang.t("mail-reset-subject"),
            body: lang.t_args(
                "mail-reset-body",
                &[("link", format!("{base_url}/cuenta/restablecer/{token}"))],
            ),
        }
    })
    .await
}

/// Uses a one-time e-mail token; returns its user when valid, unused and unexpired.
pub async fn redeem_email_token(
    db: &Db,
    token: &str,
    purpose: TokenPurpose,
) -> anyhow::Result<Option<i64>> {
    Ok(
        store::redeem_email_token(db, &hash_token(token), purpose.as_str(), crate::now())
            .await?
            .map(|(user, _)| user),
    )
}

/// Confirms an address through its e-mailed link: the account takes the password chosen in
/// the registration that sent this link, and every session it had ends (whoever signed in
/// before the mailbox's owner confirmed is signed out). Returns the account.
pub async fn confirm_through_link(db: &Db, token: &str) -> anyhow::Result<Option<i64>> {
    let redeemed = store::redeem_email_token(
        db,
        &hash_token(token),
        TokenPurpose::Confirm.as_str(),
        crate::now(),
    )
    .await?;
    let Some((user_id, password_hash)) = redeemed else {
        return Ok(None);
    };
    if let Some(hash) = password_hash {
        store::set_password(db, user_id, &hash).await?;
    }
    store::set_email_confirmed(db, user_id, crate::now()).await?;
    store::delete_sessions_of(db, user_id).await?;
    Ok(Some(user_id))
}

/// Looks a token up without using it (to show the reset form).
pub async fn peek_email_token(
    db: &Db,
    token: &str,
    purpose: TokenPurpose,
) -> anyhow::Result<Option<i64>> {
    store::peek_email_token(db, &hash_token(token), purpose.as_str(), crate::now()).await
}

/// Expired sessions go at once; used or expired e-mail tokens after a week.
pub async fn prune(db: &Db, now: i64) -> anyhow::Result<u64> {
    store::prune(db, now, now - 7 * 86_400).await
}

pub async fn confirm_email(db: &Db, user_id: i64) -> anyhow::Result<()> {
    store::set_email_confirmed(db, user_id, crate::now()).await
}

pub async fn set_password(db: &Db, user_id: i64, password: String) -> anyhow::Result<()> {
    let hash = hash_password(password).await?;
    store::set_password(db, user_id, &hash).await?;
    // a new password ends every session
    store::delete_sessions_of(db, user_id).await
}

pub async fn update_profile(db: &Db, user_id: i64, p: &Profile) -> anyhow::Result<()> {
    store::update_profile(db, user_id, p).await
}

pub async fn set_lang(db: &Db, user_id: i64, lang: &str) -> anyhow::Result<()> {
    store::set_lang(db, user_id, lang).await
}

/// The oldest administrator's id, if any.
/// Addresses separated by commas, semicolons or lines, each checked; the first bad one's
/// message key otherwise.
pub fn parse_email_list(raw: &str) -> Result<Vec<String>, &'static str> {
    raw.split([',', '\n', ';'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| Email::parse(s).map(|m| m.as_str().to_string()))
        .collect()
}

/// The ids of the accounts with these addresses (unknown addresses are skipped).
pub async fn ids_for_emails(db: &Db, emails: &[String]) -> anyhow::Result<Vec<i64>> {
    let mut ids = Vec::new();
    for email in emails {
        if let Some(u) = find_by_email(db, email).await? {
            ids.push(u.id);
        }
    }
    Ok(ids)
}

/// Neither suspended nor deleted.
pub async fn is_active(db: &Db, id: i64) -> anyhow::Result<bool> {
    let (n,): (i64,) = db.one(
        "SELECT COUNT(*) FROM users WHERE id = $1 AND suspended_at IS NULL AND deleted_at IS NULL",
        (id,),
    ).await?;
    Ok(n > 0)
}

/// The id of the confirmed account with this address (case-insensitive), if there is one.
pub async fn find_confirmed_by_email(db: &Db, email: &str) -> anyhow::Result<Option<i64>> {
    Ok(find_by_email(db, &email.trim().to_lowercase())
        .await?
        .filter(|u| u.email_confirmed())
        .map(|u| u.id))
}

pub async fn first_admin(db: &Db) -> anyhow::Result<Option<i64>> {
    store::first_admin(db).await
}

/// `false` when the person already had the role.
/// Inside the caller's transaction (the role change and its audit entry go together).
pub async fn set_role(
    conn: &mut sqlx::AnyConnection,
    user_id: i64,
    role: Role,
) -> anyhow::Result<bool> {
    store::set_role(conn, user_id, role).await
}

/// `ayni admin create`: creates (or promotes) an administrator with a confirmed e-mail.
pub async fn create_admin(db: &Db, email: &str, name: &str, password: &str) -> anyhow::Result<i64> {
    let email = Email::parse(email).map_err(|k| anyhow::anyhow!(crate::i18n::Lang::En.t(k)))?;
    check_password(password).map_err(|k| anyhow::anyhow!(crate::i18n::Lang::En.t(k)))?;
    let id = match store::find_by_email(db, email.as_str()).await? {
        Some(u) => {
            set_password(db, u.id, password.to_string()).await?;
            u.id
        }
        None => {
            let profile = Profile {
                name: name.to_string(),
                country: None,
                organisation: String::new(),
                actor_type: String::new(),
                lang: "es".into(),
            };
            let hash = hash_password(password.to_string()).await?;
            store::insert_user(db, email.as_str(), &hash, &profile, Role::Admin)
                .await?
                .ok_or_else(|| anyhow::anyhow!("{} was registered meanwhile", email.as_str()))?
        }
    };
    // an existing account promoted from the command line is logged like any role change
    crate::admin::give_role(db, None, id, Role::Admin).await?;
    store::set_email_confirmed(db, id, crate::now()).await?;
    Ok(id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_trimmed_lowercased_and_checked() {
        assert_eq!(
            Email::parse("  Ana@Example.ORG ").unwrap().as_str(),
            "ana@example.org"
        );
        assert_eq!(Email::parse(""), Err("error-email-required"));
        for bad in [
            "ana",
            "ana@",
            "@x.org",
            "ana@x",
            "a b@x.org",
            "a@x.org@y.org",
            "a@.org",
        ] {
            assert_eq!(Email::parse(bad), Err("error-email-invalid"), "{bad}");
        }
    }

    #[test]
    fn passwords_need_ten_characters() {
        assert_eq!(check_password(""), Err("error-password-required"));
        assert_eq!(check_password("corta"), Err("error-password-short"));
        assert!(check_password("una clave larga").is_ok());
    }
}
