//! Why a write was refused. The kind of refusal is chosen where the rule lives, and the HTTP
//! status follows from the kind, here and only here; the message key tells the person why
//! (their text is always kept).

use axum::http::StatusCode;

#[derive(Debug)]
pub enum Refusal {
    /// The person may not do this (403).
    Forbidden(&'static str),
    /// Too many in a short time (429).
    Limited(&'static str),
    /// Not now, or not like this: the form says what to change (422).
    Invalid(&'static str),
    /// One field is wrong in a way only saving finds out (422): (field, key).
    Field(&'static str, &'static str),
    /// Someone else changed it meanwhile (409).
    Conflict(&'static str),
    /// Something failed on our side (500); not the person's doing.
    Failed(anyhow::Error),
}

impl Refusal {
    pub fn status(&self) -> StatusCode {
        match self {
            Refusal::Forbidden(_) => StatusCode::FORBIDDEN,
            Refusal::Limited(_) => StatusCode::TOO_MANY_REQUESTS,
            Refusal::Invalid(_) | Refusal::Field(..) => StatusCode::UNPROCESSABLE_ENTITY,
            Refusal::Conflict(_) => StatusCode::CONFLICT,
            Refusal::Failed(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// The message key for the person, or `None` for an internal failure.
    pub fn key(&self) -> Option<&'static str> {
        match self {
            Refusal::Forbidden(k)
            | Refusal::Limited(k)
            | Refusal::Invalid(k)
            | Refusal::Conflict(k)
            | Refusal::Field(_, k) => Some(k),
            Refusal::Failed(_) => None,
        }
    }

    /// The field the message belongs to (`_form` for the form as a whole).
    pub fn field(&self) -> &'static str {
        match self {
            Refusal::Field(field, _) => field,
            _ => "_form",
        }
    }
}

impl From<anyhow::Error> for Refusal {
    fn from(e: anyhow::Error) -> Self {
        Refusal::Failed(e)
    }
}

impl From<sqlx::Error> for Refusal {
    fn from(e: sqlx::Error) -> Self {
        Refusal::Failed(e.into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_status_follows_the_kind() {
        assert_eq!(Refusal::Forbidden("k").status(), StatusCode::FORBIDDEN);
        assert_eq!(
            Refusal::Limited("k").status(),
            StatusCode::TOO_MANY_REQUESTS
        );
        assert_eq!(
            Refusal::Invalid("k").status(),
            StatusCode::UNPROCESSABLE_ENTITY
        );
        assert_eq!(Refusal::Invalid("k").key(), Some("k"));
        assert_eq!(Refusal::Failed(anyhow::anyhow!("x")).key(), None);
    }
}
