//! The demonstration forum (`forum.json`): the 2016 forum's topics — cooperación sur-sur y
//! triangular, territorio y territorialidad, turismo, ordenamiento territorial, proyectos de
//! desarrollo local — across the five kinds of space, with exchanges among the demo people.
//! Loaded once (skipped when a forum with its title exists). Its notifications are shown in
//! the app but never e-mailed. `load_bench` fills a forum with many posts for benchmarks.

use crate::accounts::{self, User};
use crate::db::Db;
use crate::forums::store::{self, Mark};
use crate::forums::{ForumDraft, Kind, SpaceDraft, TopicDraft};
use serde::Deserialize;

const FORUM: &str = include_str!("forum.json");

#[derive(Deserialize)]
struct DemoForum {
    title: String,
    description: String,
    spaces: Vec<DemoSpace>,
}

#[derive(Deserialize)]
struct DemoSpace {
    kind: String,
    title: String,
    description: String,
    question: String,
    video_url: String,
    #[serde(default)]
    speaker: String,
    #[serde(default)]
    speaker_bio: String,
    #[serde(default)]
    speaker_affiliation: String,
    topics: Vec<DemoTopic>,
}

#[derive(Deserialize)]
struct DemoTopic {
    author: String,
    title: String,
    body: String,
    stance: String,
    change: String,
    learning: String,
    outcome: String,
    audience: String,
    experience: String,
    votes: usize,
    resolved: bool,
    replies: Vec<DemoReply>,
}

#[derive(Deserialize)]
struct DemoReply {
    author: String,
    body: String,
    helpful: bool,
}

const FACILITATORS: [&str; 2] = ["marta.rodriguez@demo.ayni", "pablo.vargas@demo.ayni"];

async fn person(db: &Db, email: &str) -> anyhow::Result<User> {
    accounts::find_by_email(db, email)
        .await?
        .ok_or_else(|| anyhow::anyhow!("demo forum: unknown person {email}"))
}

async fn forum_id_by_title(db: &Db, title: &str) -> anyhow::Result<Option<i64>> {
    let row: Option<(i64,)> = db
        .optional("SELECT id FROM forums WHERE title = $1", (title,))
        .await?;
    Ok(row.map(|r| r.0))
}

/// The demo texts are Spanish or Portuguese: Portuguese when its telltale words show up.
fn language_of(text: &str) -> &'static str {
    let marks = [
        " não ",
        " você",
        "ção",
        "ções",
        " nós ",
        " também ",
        " uma ",
    ];
    let found = marks.iter().filter(|m| text.contains(*m)).count();
    if found >= 2 { "pt" } else { "es" }
}

/// Loads the demonstration forum; returns a short report.
pub async fn load(db: &Db, call: Option<i64>) -> anyhow::Result<String> {
    let demo: DemoForum = serde_json::from_str(FORUM)?;
    if forum_id_by_title(db, &demo.title).await?.is_some() {
        return Ok("demo forum already there".into());
    }
    let creator = person(db, FACILITATORS[0]).await?;
    let draft = ForumDraft {
        title: demo.title.clone(),
        description: demo.description.clone(),
        starts_at: None,
        ends_at: None,
        time_zone: "America/La_Paz".into(),
        call_id: call,
        facilitator_emails: vec![],
    };
    let facilitators = accounts::ids_for_emails(db, &FACILITATORS.map(String::from)).await?;
    let forum_id = store::insert_forum(db, creator.id, &draft, &facilitators).await?;
    let mut people: Vec<User> = Vec::new();
    for (email, ..) in super::PEOPLE.iter().filter(|p| !p.0.starts_with("admin")) {
        let u = person(db, email).await?;
        store::join(db, forum_id, u.id).await?;
        people.push(u);
    }
    let members = store::members(db, forum_id).await?;
    let (mut topics, mut replies) = (0, 0);
    for s in &demo.spaces {
        let kind = Kind::parse(&s.kind).ok_or_else(|| anyhow::anyhow!("kind {}", s.kind))?;
        let space_draft = SpaceDraft {
            kind,
            title: s.title.clone(),
            description: s.description.clone(),
            question: s.question.clone(),
            video_url: s.video_url.clone(),
            speaker_emails: vec![],
            speaker_bio: s.speaker_bio.clone(),
            speaker_affiliation: s.speaker_affiliation.clone(),
            session_at: (kind == Kind::Conference).then(|| crate::now() - 2 * 86_400),
            opens_at: None,
            closes_at: None,
        };
        let speakers = if s.speaker.is_empty() {
            vec![]
        } else {
            vec![person(db, &s.speaker).await?.id]
        };
        let space_id = store::insert_space(db, forum_id, &space_draft, &speakers).await?;
        let space = store::load_space(db, space_id)
            .await?
            .ok_or_else(|| anyhow::anyhow!("space vanished"))?;
        for t in &s.topics {
            let author = person(db, &t.author).await?;
            let experience_id = match t.experience.as_str() {
                "" => None,
                key => crate::experiences::find_demo(db, key).await?,
            };
            let draft = TopicDraft {
                title: t.title.clone(),
                body: t.body.clone(),
                stance: crate::forums::Stance::parse(&t.stance)
                    .ok_or_else(|| anyhow::anyhow!("stance {}", t.stance))?,
                change_text: t.change.clone(),
                learning_text: t.learning.clone(),
                outcome_text: t.outcome.clone(),
                audience: crate::forums::Audience::parse(&t.audience)
                    .ok_or_else(|| anyhow::anyhow!("audience {}", t.audience))?,
                experience_id,
                lang: language_of(&t.body).into(),
                revision: None,
            };
            let rendered = crate::forums::render_post(&draft.body, &members).await?;
            let topic_id = store::insert_topic(db, &author, &space, &draft, &rendered).await?;
            topics += 1;
            let topic_post = store::load_post(db, topic_id)
                .await?
                .ok_or_else(|| anyhow::anyhow!("topic vanished"))?;
            for voter in people.iter().filter(|p| p.id != author.id).take(t.votes) {
                store::set_mark(db, Mark::Votes, &topic_post, voter.id, true).await?;
            }
            for r in &t.replies {
                let who = person(db, &r.author).await?;
                let topic = store::load_topic(db, topic_id)
                    .await?
                    .ok_or_else(|| anyhow::anyhow!("topic vanished"))?;
                let reply = TopicDraft {
                    body: r.body.clone(),
                    lang: language_of(&r.body).into(),
                    ..Default::default()
                };
                let rendered = crate::forums::render_post(&reply.body, &members).await?;
                let reply_id =
                    store::insert_reply(db, &who, &space, &topic, &reply, &rendered).await?;
                replies += 1;
                if r.helpful {
                    let reply = store::load_post(db, reply_id)
                        .await?
                        .ok_or_else(|| anyhow::anyhow!("reply vanished"))?;
                    store::set_helpful(db, topic_id, &reply, author.id, true).await?;
                }
            }
            if t.resolved {
                store::set_resolved(db, topic_id, space.id, true).await?;
            }
        }
    }
    spread_in_time(db, forum_id).await?;
    Ok(format!(
        "demo forum with {} spaces, {topics} topics and {replies} replies",
        demo.spaces.len()
    ))
}

/// Demo posts are written in one go; spread them over the past days so the forum reads like
/// one that has been alive for a while, and keep its notifications out of e-mail.
async fn spread_in_time(db: &Db, forum: i64) -> anyhow::Result<()> {
    let now = crate::now();
    let mut tx = db.pool.begin().await?;
    let spaces = "SELECT id FROM spaces WHERE forum_id = $1";
    let (max,): (Option<i64>,) = crate::db::query_as(
        sqlx::AssertSqlSafe(format!(
            "SELECT MAX(id) FROM posts WHERE space_id IN ({spaces})"
        )),
        (forum,),
    )
    .fetch_one(&mut *tx)
    .await?;
    let max = max.unwrap_or(0);
    crate::db::query(
        sqlx::AssertSqlSafe(format!(
            "UPDATE posts SET created_at = $2 - ($3 - id) * 5400 WHERE space_id IN ({spaces})"
        )),
        (forum, now, max),
    )
    .execute(&mut *tx)
    .await?;
    crate::db::query(
        sqlx::AssertSqlSafe(format!(
            "UPDATE topics SET last_activity_at = COALESCE((SELECT MAX(p.created_at) FROM posts p \
         WHERE p.topic_id = topics.post_id OR p.id = topics.post_id), last_activity_at) \
         WHERE space_id IN ({spaces})"
        )),
        (forum,),
    )
    .execute(&mut *tx)
    .await?;
    crate::db::query(
        "UPDATE spaces SET last_post_at = (SELECT MAX(p.created_at) FROM posts p WHERE p.space_id = spaces.id) WHERE forum_id = $1",
        (forum,),
    )
    .execute(&mut *tx)
    .await?;
    crate::db::query(sqlx::AssertSqlSafe(format!(
        "UPDATE notifications SET email = 'none', created_at = (SELECT p.created_at FROM posts p WHERE p.id = notifications.post_id) \
         WHERE post_id IN (SELECT id FROM posts WHERE space_id IN ({spaces}))"
    )),
(forum,),
)
    .execute(&mut *tx)
    .await?;
    sqlx::query("DELETE FROM jobs WHERE kind = 'email' AND done_at IS NULL AND payload IN (SELECT CAST(id AS TEXT) FROM notifications WHERE email = 'none')")
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(())
}

/// Fills a benchmark forum with `posts` posts (idempotent: does nothing if it exists):
/// a contribution space whose first topic has 500 replies, the rest as topics (one in ten)
/// and replies spread over them, and a conference with questions and votes. Prints nothing;
/// returns (forum id, the 500-reply topic's id).
pub async fn load_bench(
    db: &Db,
    posts: usize,
    mut progress: impl FnMut(usize),
) -> anyhow::Result<(i64, i64)> {
    load(db, None).await?;
    const TITLE: &str = "Foro de prueba de carga";
    if let Some(id) = forum_id_by_title(db, TITLE).await? {
        let (topic,): (i64,) = db.one(
            "SELECT MIN(t.post_id) FROM topics t JOIN spaces s ON s.id = t.space_id WHERE s.forum_id = $1",
            (id,),
        ).await?;
        return Ok((id, topic));
    }
    let creator = person(db, FACILITATORS[0]).await?;
    let draft = ForumDraft {
        title: TITLE.into(),
        description: "Datos generados para medir el rendimiento.".into(),
        starts_at: None,
        ends_at: None,
        time_zone: "America/La_Paz".into(),
        call_id: None,
        facilitator_emails: vec![],
    };
    let forum = store::insert_forum(db, creator.id, &draft, &[creator.id]).await?;
    let mut authors = Vec::new();
    for (email, ..) in super::PEOPLE.iter().filter(|p| !p.0.starts_with("admin")) {
        let u = person(db, email).await?;
        store::join(db, forum, u.id).await?;
        authors.push(u.id);
    }
    let space_draft = |kind: Kind, title: &str| SpaceDraft {
        kind,
        title: title.into(),
        description: "Espacio de prueba de carga.".into(),
        question: String::new(),
        video_url: String::new(),
        speaker_emails: vec![],
        speaker_bio: String::new(),
        speaker_affiliation: String::new(),
        session_at: None,
        opens_at: None,
        closes_at: None,
    };
    let aportes = store::insert_space(
        db,
        forum,
        &space_draft(Kind::Contribution, "Aportes (carga)"),
        &[],
    )
    .await?;
    let conference = store::insert_space(
        db,
        forum,
        &space_draft(Kind::Conference, "Conferencia (carga)"),
        &[creator.id],
    )
    .await?;
    let demo: DemoForum = serde_json::from_str(FORUM)?;
    let texts: Vec<&str> = demo
        .spaces
        .iter()
        .flat_map(|s| {
            s.topics.iter().flat_map(|t| {
                std::iter::once(t.body.as_str()).chain(t.replies.iter().map(|r| r.body.as_str()))
            })
        })
        .collect();
    let start = crate::now() - posts as i64 * 30;
    let mut tx = db.pool.begin().await?;
    let mut written = 0usize;
    let insert = async |tx: &mut sqlx::AnyConnection,
                        space: i64,
                        topic: Option<i64>,
                        n: usize|
           -> anyhow::Result<i64> {
        let (id,): (i64,) = crate::db::query_as(
            "INSERT INTO posts (space_id, topic_id, author_id, body, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id",
            (space, topic, authors[n % authors.len()], texts[n % texts.len()], start + n as i64 * 30),
        )
        .fetch_one(&mut *tx)
        .await?;
        if topic.is_none() {
            crate::db::query("INSERT INTO topics (post_id, space_id, title, votes, last_activity_at) VALUES ($1, $2, $3, $4, $5)", (id, space, if space == aportes { format!("Aporte de prueba {n}") } else { String::new() }, (n % 13) as i64, start + n as i64 * 30))
                .execute(&mut *tx)
                .await?;
        }
        Ok(id)
    };
    // The long thread first.
    let long = insert(&mut tx, aportes, None, 0).await?;
    for n in 1..=500.min(posts.saturating_sub(1)) {
        insert(&mut tx, aportes, Some(long), n).await?;
    }
    written += 501.min(posts);
    let mut topics: Vec<i64> = vec![];
    while written < posts {
        let n = written;
        if n.is_multiple_of(10) || topics.is_empty() {
            let space = if n.is_multiple_of(20) {
                conference
            } else {
                aportes
            };
            let id = insert(&mut tx, space, None, n).await?;
            if space == aportes {
                topics.push(id);
            }
        } else {
            let topic = topics[(n * 7919) % topics.len()];
            insert(&mut tx, aportes, Some(topic), n).await?;
        }
        written += 1;
        if written.is_multiple_of(5000) {
            tx.commit().await?;
            tx = db.pool.begin().await?;
            progress(written);
        }
    }
    // Counters the normal write path keeps up to date.
    crate::db::query("UPDATE topics SET replies = (SELECT COUNT(*) FROM posts p WHERE p.topic_id = topics.post_id) WHERE space_id IN ($1, $2)", (aportes, conference))
        .execute(&mut *tx)
        .await?;
    for space in [aportes, conference] {
        crate::db::query(
            "UPDATE spaces SET post_count = (SELECT COUNT(*) FROM posts p WHERE p.space_id = spaces.id), \
             topic_count = (SELECT COUNT(*) FROM topics t WHERE t.space_id = spaces.id), \
             last_post_at = (SELECT MAX(p.created_at) FROM posts p WHERE p.space_id = spaces.id) WHERE id = $1",
            (space,),
        )
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    progress(written);
    Ok((forum, long))
}
