//! Public profiles and the directory of people. Name and country are always public; every
//! other field appears only when its person chose to show it. Only confirmed accounts have a
//! profile page (throwaway accounts never appear).

use super::{Language, join_codes, split_codes};
use crate::db::Db;
use crate::record;
use crate::refusal::Refusal;
use crate::web::FieldErrors;
use serde::Deserialize;

/// What a person chose to show.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Profile {
    pub listed: bool,
    pub bio: String,
    pub languages: Vec<Language>,
    pub show_organisation: bool,
    pub show_actor: bool,
    pub show_sheets: bool,
    pub show_activity: bool,
    /// Shown to the other side of an accepted exchange (empty: the account e-mail).
    pub contact: String,
}

record! {
    pub struct ProfileRow {
        pub listed: i64,
        pub bio: String,
        pub languages: String,
        pub show_organisation: i64,
        pub show_actor: i64,
        pub show_sheets: i64,
        pub show_activity: i64,
        pub contact: String,
    }
}

impl From<ProfileRow> for Profile {
    fn from(r: ProfileRow) -> Profile {
        Profile {
            listed: r.listed == 1,
            bio: r.bio,
            languages: split_codes(&r.languages, Language::parse),
            show_organisation: r.show_organisation == 1,
            show_actor: r.show_actor == 1,
            show_sheets: r.show_sheets == 1,
            show_activity: r.show_activity == 1,
            contact: r.contact,
        }
    }
}

pub const BIO_MAX: usize = 1000;
pub const CONTACT_MAX: usize = 200;

/// The profile form as typed (checkboxes arrive only when ticked).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct ProfileForm {
    pub listed: Option<String>,
    pub bio: String,
    pub languages: Vec<String>,
    pub show_organisation: Option<String>,
    pub show_actor: Option<String>,
    pub show_sheets: Option<String>,
    pub show_activity: Option<String>,
    pub contact: String,
}

impl ProfileForm {
    pub fn of(p: &Profile) -> ProfileForm {
        let on = |b: bool| b.then(|| "1".to_string());
        ProfileForm {
            listed: on(p.listed),
            bio: p.bio.clone(),
            languages: p.languages.iter().map(|l| l.code().to_string()).collect(),
            show_organisation: on(p.show_organisation),
            show_actor: on(p.show_actor),
            show_sheets: on(p.show_sheets),
            show_activity: on(p.show_activity),
            contact: p.contact.clone(),
        }
    }

    pub fn parse(&self) -> Result<Profile, FieldErrors> {
        let mut errors = FieldErrors::new();
        let bio = crate::web::form::bounded(&mut errors, "bio", &self.bio, BIO_MAX);
        let contact = crate::web::form::bounded(&mut errors, "contact", &self.contact, CONTACT_MAX);
        if contact.contains('\n') {
            errors.add("contact", "error-one-line");
        }
        let mut languages = Vec::new();
        for code in &self.languages {
            match Language::parse(code) {
                Some(l) if !languages.contains(&l) => languages.push(l),
                Some(_) => {}
                None => errors.add("languages", "error-choice-unknown"),
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(Profile {
            listed: self.listed.is_some(),
            bio,
            languages,
            show_organisation: self.show_organisation.is_some(),
            show_actor: self.show_actor.is_some(),
            show_sheets: self.show_sheets.is_some(),
            show_activity: self.show_activity.is_some(),
            contact,
        })
    }

    pub fn has(&self, code: &str) -> bool {
        self.languages.iter().any(|l| l == code)
    }
}

pub async fn load(db: &Db, user: i64) -> anyhow::Result<Profile> {
    let row: Option<ProfileRow> = db.optional(
        "SELECT listed, bio, languages, show_organisation, show_actor, show_sheets, show_activity, contact \
         FROM profiles WHERE user_id = $1",
        (user,),
    ).await?;
    Ok(row.map(Profile::from).unwrap_or_default())
}

pub async fn save(db: &Db, user: i64, p: &Profile, now: i64) -> Result<(), Refusal> {
    crate::db::query(
        "INSERT INTO profiles (user_id, listed, bio, languages, show_organisation, show_actor, \
         show_sheets, show_activity, contact, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) \
         ON CONFLICT (user_id) DO UPDATE SET listed = excluded.listed, bio = excluded.bio, \
         languages = excluded.languages, show_organisation = excluded.show_organisation, \
         show_actor = excluded.show_actor, show_sheets = excluded.show_sheets, \
         show_activity = excluded.show_activity, contact = excluded.contact, updated_at = excluded.updated_at",
        (user, p.listed as i64, &p.bio, join_codes(p.languages.iter().map(|l| l.code())), p.show_organisation as i64, p.show_actor as i64, p.show_sheets as i64, p.show_activity as i64, &p.contact, now),
    )
    .execute(&db.pool)
    .await?;
    Ok(())
}

record! {
    /// A person as anyone may see them: the opt-out fields are already emptied.
    pub struct Person {
        pub id: i64,
        pub name: String,
        pub country_code: Option<String>,
        pub organisation: String,
        pub actor_type: String,
        pub bio: String,
        pub languages: String,
        pub show_sheets: i64,
        pub show_activity: i64,
        pub listed: i64,
    }
}

impl Person {
    pub fn url(&self) -> String {
        format!("/personas/{}", self.id)
    }
    pub fn languages(&self) -> Vec<Language> {
        split_codes(&self.languages, Language::parse)
    }
    pub fn country(&self) -> &str {
        self.country_code.as_deref().unwrap_or("")
    }
}

/// The columns of `Person`, with every opt-in applied in SQL (so no page can forget one).
const PERSON: &str = "SELECT u.id, u.name, u.country_code, \
    CASE WHEN p.show_organisation = 1 THEN u.organisation ELSE '' END AS organisation, \
    CASE WHEN p.show_actor = 1 THEN u.actor_type ELSE '' END AS actor_type, \
    COALESCE(p.bio, '') AS bio, COALESCE(p.languages, '') AS languages, \
    COALESCE(p.show_sheets, 0) AS show_sheets, COALESCE(p.show_activity, 0) AS show_activity, \
    COALESCE(p.listed, 0) AS listed \
    FROM users u LEFT JOIN profiles p ON p.user_id = u.id";

/// A confirmed account as the public sees it, listed in the directory or not.
pub async fn person(db: &Db, id: i64) -> anyhow::Result<Option<Person>> {
    let sql = format!(
        "{PERSON} WHERE u.id = $1 AND u.email_confirmed_at IS NOT NULL AND u.suspended_at IS NULL"
    );
    db.optional(sqlx::AssertSqlSafe(sql), (id,)).await
}

record! {
    /// A published sheet a person works on, and their part in it.
    pub struct SheetRole {
        pub id: i64,
        pub title: String,
        pub country_code: String,
        pub owner: i64,
    }
}

impl SheetRole {
    pub fn url(&self) -> String {
        crate::experiences::sheet_url(self.id, &self.title)
    }
}

/// Published sheets `user` owns or co-edits.
pub async fn sheets_of(db: &Db, user: i64) -> anyhow::Result<Vec<SheetRole>> {
    db.all(
        "SELECT e.id, e.title, e.country_code, CASE WHEN e.owner_id = $1 THEN 1 ELSE 0 END AS owner \
         FROM experiences e WHERE e.state = 'published' AND (e.owner_id = $1 OR EXISTS \
         (SELECT 1 FROM coeditors c WHERE c.experience_id = e.id AND c.user_id = $1)) \
         ORDER BY e.title LIMIT 50",
        (user,),
    ).await
}

/// (topic id, title) of the last topics `user` opened, visible ones only, and their number
/// of visible posts.
pub async fn activity(db: &Db, user: i64) -> anyhow::Result<(i64, Vec<(i64, String)>)> {
    let (count,): (i64,) = db
        .one(
            "SELECT COUNT(*) FROM posts WHERE author_id = $1 AND hidden = 0",
            (user,),
        )
        .await?;
    let topics = db
        .all(
            "SELECT p.id, t.title FROM posts p JOIN topics t ON t.post_id = p.id \
         WHERE p.author_id = $1 AND p.hidden = 0 AND t.title <> '' ORDER BY p.id DESC LIMIT 5",
            (user,),
        )
        .await?;
    Ok((count, topics))
}

/// The directory's filters, as read from the query string.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct DirectoryQuery {
    pub pais: String,
    pub tema: String,
    pub actor: String,
    pub idioma: String,
    pub pagina: Option<String>,
}

impl DirectoryQuery {
    fn binds(&self) -> [String; 4] {
        let short = |s: &str| s.chars().take(40).collect::<String>();
        let lang = Language::parse(&self.idioma)
            .map(|l| format!("%,{},%", l.code()))
            .unwrap_or_default();
        [
            short(&self.pais),
            short(&self.tema),
            short(&self.actor),
            lang,
        ]
    }
}

const DIRECTORY_WHERE: &str = " WHERE p.listed = 1 AND u.email_confirmed_at IS NOT NULL \
    AND u.suspended_at IS NULL AND u.deleted_at IS NULL \
    AND ($1 = '' OR u.country_code = $1) \
    AND ($3 = '' OR (p.show_actor = 1 AND u.actor_type = $3)) \
    AND ($4 = '' OR p.languages LIKE $4) \
    AND ($2 = '' OR (p.show_sheets = 1 AND EXISTS (SELECT 1 FROM experiences e \
      JOIN experience_terms et ON et.experience_id = e.id JOIN terms t ON t.id = et.term_id \
      WHERE e.state = 'published' AND t.vocabulary = 'theme' AND t.code = $2 \
      AND (e.owner_id = u.id OR EXISTS (SELECT 1 FROM coeditors c WHERE c.experience_id = e.id AND c.user_id = u.id)))))";

/// How many people the directory lists with these filters.
pub async fn directory_count(db: &Db, q: &DirectoryQuery) -> anyhow::Result<i64> {
    let [country, theme, actor, lang] = q.binds();
    let sql = format!(
        "SELECT COUNT(*) FROM users u JOIN profiles p ON p.user_id = u.id{DIRECTORY_WHERE}"
    );
    let (total,): (i64,) = db
        .one(sqlx::AssertSqlSafe(sql), (&country, &theme, &actor, &lang))
        .await?;
    Ok(total)
}

/// One page of the directory (people who chose to be listed), by name.
pub async fn directory(
    db: &Db,
    q: &DirectoryQuery,
    offset: i64,
    limit: i64,
) -> anyhow::Result<Vec<Person>> {
    let [country, theme, actor, lang] = q.binds();
    let sql = format!("{PERSON}{DIRECTORY_WHERE} ORDER BY u.name, u.id LIMIT $5 OFFSET $6");
    db.all(
        sqlx::AssertSqlSafe(sql),
        (&country, &theme, &actor, &lang, limit, offset),
    )
    .await
}

/// What the other side of an accepted exchange sees to reach `user`: their chosen contact, or
/// their account e-mail.
pub async fn contact_of(db: &Db, user: i64) -> anyhow::Result<Option<(String, String)>> {
    let row: Option<(String, String, Option<String>)> = db.optional(
        "SELECT u.name, u.email, p.contact FROM users u LEFT JOIN profiles p ON p.user_id = u.id \
         WHERE u.id = $1 AND u.deleted_at IS NULL",
        (user,),
    ).await?;
    Ok(row.map(|(name, email, contact)| {
        let chosen = contact.filter(|c| !c.trim().is_empty()).unwrap_or(email);
        (name, chosen)
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn any_profile_form_is_bounded_or_refused(
            bio in "\\PC{0,1500}",
            contact in "\\PC{0,300}",
            languages in proptest::collection::vec("[a-z]{0,3}", 0..12),
        ) {
            let form = ProfileForm { bio, contact, languages, ..Default::default() };
            if let Ok(p) = form.parse() {
                prop_assert!(p.bio.chars().count() <= BIO_MAX);
                prop_assert!(p.contact.chars().count() <= CONTACT_MAX && !p.contact.contains('\n'));
                prop_assert!(p.languages.len() <= Language::ALL.len());
            }
        }
    }
}
