//! Builders: set up what a specification needs in one line, through the same forms people
//! use (`f.new_forum()`, `app.member("Rosa Mamani", forum)`, `rosa.post_topic(space, …)`).

use super::TestApp;
use axum::http::StatusCode;

/// The id after `prefix` in a redirect (`/foros/12?aviso=creado` → 12).
pub fn id_after(location: &str, prefix: &str) -> i64 {
    location
        .trim_start_matches(prefix)
        .split(['?', '/', '#'])
        .next()
        .unwrap()
        .parse()
        .unwrap_or_else(|_| panic!("no id in {location}"))
}

impl TestApp {
    /// A complete sheet of this client, published; returns its id.
    pub async fn published_sheet(&self, title: &str) -> i64 {
        let id = self.create_sheet_with(&super::sheet_fields(title)).await;
        let page = self
            .post(
                &format!("/experiencias/{id}/estado"),
                &[("accion", "publicar")],
            )
            .await;
        assert!(page.status.is_redirection(), "{}", page.body);
        id
    }

    /// The id of the account with this address.
    pub async fn user_id(&self, email: &str) -> i64 {
        ayni::accounts::find_by_email(self.db(), email)
            .await
            .unwrap()
            .unwrap_or_else(|| panic!("no account {email}"))
            .id
    }

    /// A new client signed in as a confirmed administrator called `name`.
    pub async fn admin(&self, name: &str) -> TestApp {
        let a = self.client();
        let email = a.register_confirmed(name).await;
        let id = self.user_id(&email).await;
        ayni::admin::give_role(self.db(), None, id, ayni::accounts::Role::Admin)
            .await
            .unwrap();
        a
    }

    /// The site's administrator created from the command line (`ayni admin create`):
    /// admin@example.org, whom imports are made in the name of.
    pub async fn operator(&self) {
        ayni::accounts::create_admin(
            self.db(),
            "admin@example.org",
            "Admin",
            "clave de administración",
        )
        .await
        .unwrap();
    }

    /// Posts the new-call form of this (facilitator) client: an open periodic call titled
    /// `title` (from yesterday to ten days ahead, La Paz time), reviewed first unless `extra`
    /// says otherwise, with the `extra` fields (questions, facilitators, a one-time token…).
    pub async fn post_call(&self, title: &str, extra: &[(&str, &str)]) -> super::Page {
        let (o, c) = (super::local(-1), super::local(10));
        let mut fields = vec![
            ("title", title),
            ("description", "Una convocatoria."),
            ("kind", "periodic"),
            ("opens_at", o.as_str()),
            ("closes_at", c.as_str()),
            ("time_zone", "America/La_Paz"),
        ];
        if !extra.iter().any(|(k, _)| *k == "review_policy") {
            fields.push(("review_policy", "review"));
        }
        fields.extend_from_slice(extra);
        self.post("/convocatorias/nueva", &fields).await
    }

    /// The id of the first question of `call`.
    pub async fn first_question(&self, call: i64) -> i64 {
        let (q,): (i64,) =
            sqlx::query_as("SELECT id FROM call_questions WHERE call_id = $1 ORDER BY position")
                .bind(call)
                .fetch_one(&self.db().pool)
                .await
                .unwrap();
        q
    }

    /// The form field names (`q<id>`) of the questions of `call`, in order.
    pub async fn question_fields(&self, call: i64) -> Vec<String> {
        let ids: Vec<(i64,)> =
            sqlx::query_as("SELECT id FROM call_questions WHERE call_id = $1 ORDER BY position")
                .bind(call)
                .fetch_all(&self.db().pool)
                .await
                .unwrap();
        ids.into_iter().map(|(id,)| format!("q{id}")).collect()
    }

    /// Makes `invitee` (a signed-in client whose address is `email`) a co-editor of `sheet`,
    /// a sheet of this client's, through the e-mailed invitation as people do it.
    pub async fn add_coeditor(&self, sheet: i64, invitee: &TestApp, email: &str) {
        let path = format!("/experiencias/{sheet}/coeditores");
        let p = self.post(&path, &[("email", email)]).await;
        assert!(
            p.status.is_success() || p.status.is_redirection(),
            "{}",
            p.body
        );
        let link = self.last_link_to(email, "/invitaciones/").await;
        let p = invitee.post(&link, &[]).await;
        assert!(p.status.is_redirection(), "{}", p.body);
    }

    /// Marta Rodríguez, a facilitator, with a forum of hers and a space of `kind` in it
    /// (`extra`: the space form's other fields): her client, the forum's and the space's ids.
    pub async fn forum_with_space(
        &self,
        kind: &str,
        extra: &[(&str, &str)],
    ) -> (TestApp, i64, i64) {
        let f = self.facilitator("Marta Rodríguez").await;
        let forum = f.new_forum().await;
        let space = f.new_space(forum, kind, extra).await;
        (f, forum, space)
    }

    /// A forum created by this (facilitator) client; returns its id.
    pub async fn new_forum(&self) -> i64 {
        let page = self
            .post(
                "/foros/nuevo",
                &[
                    ("title", "Foro de intercambio 2026"),
                    ("description", "Conversamos sobre *desarrollo territorial*."),
                    ("time_zone", "America/La_Paz"),
                ],
            )
            .await;
        assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
        id_after(&page.location(), "/foros/")
    }

    /// A space of `kind` in `forum`, with any `extra` fields; returns its id.
    pub async fn new_space(&self, forum: i64, kind: &str, extra: &[(&str, &str)]) -> i64 {
        let mut fields = vec![
            ("kind", kind),
            ("title", "Espacio de intercambio"),
            ("description", "Presentación del espacio."),
        ];
        fields.extend_from_slice(extra);
        let page = self
            .post(&format!("/foros/{forum}/espacios/nuevo"), &fields)
            .await;
        assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
        id_after(&page.location(), "/foros/espacios/")
    }

    /// Another person, registered and confirmed, who joined `forum`; with their e-mail.
    pub async fn member(&self, name: &str, forum: i64) -> (TestApp, String) {
        let c = self.client();
        let email = c.register_confirmed(name).await;
        let page = c.post(&format!("/foros/{forum}/unirse"), &[]).await;
        assert_eq!(page.status, StatusCode::SEE_OTHER);
        (c, email)
    }

    /// A topic posted by this client in `space`; returns its id.
    pub async fn post_topic(&self, space: i64, fields: &[(&str, &str)]) -> i64 {
        let page = self.post(&format!("/foros/espacios/{space}"), fields).await;
        assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
        id_after(&page.location(), "/foros/temas/")
    }

    /// A reply by this client to `topic`; returns its id.
    pub async fn reply(&self, topic: i64, body: &str) -> i64 {
        let page = self
            .post(&format!("/foros/temas/{topic}"), &[("body", body)])
            .await;
        assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
        let loc = page.location();
        loc.rsplit("#m").next().unwrap().parse().unwrap()
    }
}
