//! The five kinds of space and the values their topics carry.

/// The five kinds of exchange space the 2016 report asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// An invited speaker's talk: participants ask, vote questions up; speakers answer.
    Conference,
    /// A question under debate: one position per person (favor / contra / matices).
    Debate,
    /// Aportes: what someone learned on the space's theme, citing their experience.
    Contribution,
    /// Innovaciones: what changed in a practice, which learning motivated it, what came of it.
    Innovation,
    /// Taller de mejora: a doubt or dilemma for peers and/or facilitators; helpful replies.
    Workshop,
}

impl Kind {
    pub const ALL: [Kind; 5] = [
        Kind::Conference,
        Kind::Debate,
        Kind::Contribution,
        Kind::Innovation,
        Kind::Workshop,
    ];
    pub fn code(self) -> &'static str {
        match self {
            Kind::Conference => "conference",
            Kind::Debate => "debate",
            Kind::Contribution => "contribution",
            Kind::Innovation => "innovation",
            Kind::Workshop => "workshop",
        }
    }
    pub fn parse(s: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.code() == s)
    }
    /// Topics carry a title (questions and positions do not).
    pub fn topic_has_title(self) -> bool {
        matches!(self, Kind::Contribution | Kind::Innovation | Kind::Workshop)
    }
    /// Only the conference's speakers reply (their replies are the answers).
    pub fn replies_by_speakers_only(self) -> bool {
        self == Kind::Conference
    }
    /// One topic per person, revised rather than repeated.
    pub fn one_topic_per_person(self) -> bool {
        self == Kind::Debate
    }
    pub fn has_votes(self) -> bool {
        self == Kind::Conference
    }
    /// The topic's author marks helpful replies and closes it as resolved.
    pub fn has_helpful_marks(self) -> bool {
        self == Kind::Workshop
    }
    /// The space names its speakers (a conference).
    pub fn has_speakers(self) -> bool {
        self == Kind::Conference
    }
    /// The space asks one question that positions answer (a debate).
    pub fn has_question(self) -> bool {
        self == Kind::Debate
    }
    /// Topics take a stance, and the page shows their spread (a debate).
    pub fn has_stances(self) -> bool {
        self == Kind::Debate
    }
    /// Topics say whom they ask: peers, facilitators or both (a workshop's dilemmas).
    pub fn has_audience(self) -> bool {
        self == Kind::Workshop
    }
    /// Topics tell what changed, what was learned and what came of it (an innovation).
    pub fn has_innovation_parts(self) -> bool {
        self == Kind::Innovation
    }
    /// The filters a space of this kind offers over its topics (`""` = all).
    pub fn filters(self) -> &'static [&'static str] {
        match self {
            Kind::Conference => &["", "respondidas", "sin-responder"],
            Kind::Debate => &["", "favor", "contra", "matices"],
            Kind::Workshop => &["", "abiertos", "resueltos"],
            Kind::Contribution | Kind::Innovation => &[],
        }
    }
    /// Topics may cite one of the author's experience sheets.
    pub fn cites_experience(self) -> bool {
        !matches!(self, Kind::Conference)
    }
}

pub const STANCES: [&str; 3] = ["favor", "contra", "matices"];
pub const AUDIENCES: [&str; 3] = ["peers", "facilitators", "both"];
pub const FLAG_REASONS: [&str; 3] = ["spam", "offensive", "offtopic"];
pub(super) const MAX_BODY: usize = 20_000;
/// Longest title of a topic, in characters.
pub(super) const MAX_TITLE: usize = 200;

impl std::fmt::Display for Kind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}
