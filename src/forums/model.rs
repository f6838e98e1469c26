//! The five kinds of space and the values their topics carry.

crate::text_enum! {
    /// The five kinds of exchange space the 2016 report asks for.
    pub enum Kind {
        Conference = "conference",
        Debate = "debate",
        Contribution = "contribution",
        Innovation = "innovation",
        Workshop = "workshop",
    }
}

crate::text_enum! {
    /// Why someone flags a post.
    pub enum FlagReason {
        Spam = "spam",
        Offensive = "offensive",
        Offtopic = "offtopic",
    }
}

crate::text_enum! {
    /// What a facilitator does to a post. Closing and reopening apply to topics only.
    pub enum ModerationAction {
        Hide = "hide",
        Restore = "restore",
        Close = "close",
        Reopen = "reopen",
    }
}

impl ModerationAction {
    pub fn topics_only(self) -> bool {
        matches!(self, ModerationAction::Close | ModerationAction::Reopen)
    }
}

impl Kind {
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

crate::text_enum! {
    /// A debate position's stance (`Unset` on the topics of other kinds).
    #[derive(Default)]
    pub enum Stance {
        #[default]
        Unset = "",
        Favor = "favor",
        Contra = "contra",
        Matices = "matices",
    }
}

crate::text_enum! {
    /// Whom a workshop dilemma asks (`Unset` on the topics of other kinds).
    #[derive(Default)]
    pub enum Audience {
        #[default]
        Unset = "",
        Peers = "peers",
        Facilitators = "facilitators",
        Both = "both",
    }
}

impl Stance {
    /// The stances a person can take, in order.
    pub fn choices() -> impl Iterator<Item = Stance> {
        Stance::ALL.iter().copied().filter(|s| *s != Stance::Unset)
    }
    /// A stance a person took (not `Unset`), from its code.
    pub fn chosen(code: &str) -> Option<Stance> {
        Stance::parse(code).filter(|s| *s != Stance::Unset)
    }
}

impl Audience {
    pub fn choices() -> impl Iterator<Item = Audience> {
        Audience::ALL
            .iter()
            .copied()
            .filter(|a| *a != Audience::Unset)
    }
    pub fn chosen(code: &str) -> Option<Audience> {
        Audience::parse(code).filter(|a| *a != Audience::Unset)
    }
}
pub(super) const MAX_BODY: usize = 20_000;
/// Longest title of a topic, in characters.
pub(super) const MAX_TITLE: usize = 200;
