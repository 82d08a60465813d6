//! Linguistic signals counted over a ticket's judged sentences: how much of it orders a change,
//! how much of it describes a problem, a purpose, evidence, a measure, an invitation. Counts,
//! not verdicts: `model` weighs them and `scores` maps them to 0..1.

use super::lexicon;
use super::reading::{any_word, phrase, Phrase, Reading, Section, Sentence};
use crate::config::Config;
use crate::rules::{imperative_solution, modal_prescription, prescribed_technology, step_list};

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Signals {
    pub sentences: usize,
    pub words: usize,
    // Prescription.
    pub title_order: bool,
    pub title_open: bool,
    /// Imperative sentences outside lists (not in repro steps or offered fixes).
    pub orders: usize,
    /// Imperative list items.
    pub list_orders: usize,
    pub modal_orders: usize,
    pub tech_orders: usize,
    pub step_runs: usize,
    /// Ordering sentences of the body outside a framing's non-binding original.
    pub unbound_orders: usize,
    /// Orders under a "possible fix" style heading: offered, not ordered.
    pub offered_fixes: usize,
    pub proposal_words: usize,
    pub hedges: usize,
    pub open_asks: usize,
    pub questions: usize,
    pub code_refs: usize,
    // Outcome.
    pub title_trouble: bool,
    pub trouble: usize,
    pub bug_sections: usize,
    pub problem_words: usize,
    pub purpose: usize,
    pub user_story: bool,
    pub roles: usize,
    pub needs: usize,
    pub current_state: usize,
    pub observations: usize,
    pub evidence: usize,
    /// Sentences of the ticket's own telling (not plans or criteria) with a number and unit.
    pub told_evidence: usize,
    /// Sentences under a problem, goal or background heading that name a harm.
    pub problem_trouble: usize,
    pub measures: usize,
    pub acceptance_words: usize,
    /// Words under an "Expected behaviour" heading: a bug's criterion of done.
    pub expected_words: usize,
    /// Sentences that describe (not order) outside plan and criteria sections.
    pub descriptive: usize,
    /// Descriptive sentences with a finite verb of state ("is", "doesn't", "returns").
    pub states: usize,
    /// Infinitive purposes after the change ("index the dates to filter boosts").
    pub to_purpose: usize,
    /// "Version: 2.1", "OS: Linux": environment facts of a bug report.
    pub environment: usize,
    /// Words of benefit or pain ("easier", "noise", "slow").
    pub value: usize,
    /// Non-ordering sentences told in the first person ("we are building", "I think").
    pub narrative: usize,
    /// The title states behaviour ("X calls the listener twice") rather than naming work.
    pub title_statement: bool,
    /// Sentences that state a problem: a verb of state with a negation, trouble or pain word.
    pub problem_sentences: usize,
    /// Sentences that state a benefit or purpose: a purpose clause or a word of value.
    pub benefit_sentences: usize,
    /// Sentences that say something cannot be done now ("it is not possible to", "users cannot").
    pub blocked: usize,
    // Ownership.
    pub invitations: usize,
    pub support: usize,
    pub authority: usize,
    /// Lines of quoted text in the body: someone else's words, relayed (never judged as prose).
    pub quoted_lines: usize,
}

/// What the phrase rules found in one sentence, kept so findings need not detect twice.
pub struct Facts<'a> {
    pub sentence: Sentence<'a>,
    pub order: Option<(usize, usize)>,
    pub modal: Option<(usize, usize)>,
    pub tech: Option<(usize, usize)>,
    pub states: States,
}

impl Facts<'_> {
    /// The sentence orders a change, by an imperative or a modal ("we should use ...").
    pub fn orders(&self) -> bool {
        self.order.is_some() || self.modal.is_some()
    }
}

/// What one sentence states, read by the same tests that count the signals: the rewrite quotes
/// these sentences back, so it quotes what the judgement counted.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct States {
    /// Something is wrong, cannot be done, or is so now: trouble words, "cannot", "currently",
    /// a negated state, a first-hand report, someone who needs or struggles; a title that
    /// reports trouble or behaviour.
    pub problem: bool,
    /// Why it matters: a purpose or reason clause, or a word of benefit or pain.
    pub purpose: bool,
    /// "As a reviewer I want ...".
    pub user_story: bool,
    /// A number with a unit ("14 tickets", "30 s").
    pub evidence: bool,
    /// How success would be recognised.
    pub measure: bool,
}

pub fn collect<'a>(reading: &'a Reading<'a>, config: &Config) -> (Signals, Vec<Facts<'a>>) {
    collect_traced(reading, config, None)
}

/// Which signals each sentence raised, for the eval's `--why` (sentence text, counts after it).
pub fn trace(reading: &Reading, config: &Config) -> Vec<(String, Signals)> {
    let mut out = Vec::new();
    collect_traced(reading, config, Some(&mut out));
    out
}

fn collect_traced<'a>(reading: &'a Reading<'a>, config: &Config, mut trace: Option<&mut Vec<(String, Signals)>>) -> (Signals, Vec<Facts<'a>>) {
    let mut sig = Signals::default();
    let mut facts = Vec::new();
    let title_words: Vec<&str> = reading
        .sentences()
        .filter(|s| s.view.is_title())
        .flat_map(|s| s.words().collect::<Vec<_>>())
        .collect();
    let (sections, expected) = refined_sections(reading);
    for s in reading.sentences() {
        if s.view.framing_offer {
            // The framing's own offers: authority, support and invitation, nothing else.
            sig.invitations += usize::from(invites(&s));
            sig.support += usize::from(offers_support(&s));
            sig.authority += usize::from(grants_authority(&s));
            continue;
        }
        sig.sentences += 1;
        sig.words += s.len();
        let title = s.view.is_title();
        let section = sections.get(s.view.index).copied().unwrap_or(s.view.section);
        let order = imperative_solution::detect(&s);
        let modal = if order.is_none() { modal_prescription::detect(&s) } else { None };
        let ordering = order.is_some() || modal.is_some();
        let tech = prescribed_technology::detect_with(&s, order.or(modal), config);
        let mut states = States::default();
        let offered = matches!(section, Section::PossibleFix);
        let describes = matches!(section, Section::Reproduce | Section::Behaviour);

        // Outside the original under a framing (everywhere in an unframed ticket): orders the
        // author gives now. The original's orders still count below as the text's shape, but a
        // framing hands them over as one option (`judge`).
        sig.unbound_orders += usize::from(ordering && !title && !offered && !s.view.non_binding);
        if title {
            // "Don't send empty messages", "Backup creation should fail validation if ...": the
            // title states what must be done or become true, an order in other words.
            sig.title_order |= order.is_some() || title_requires(&s);
            sig.title_open |= opens_question(&s);
            let trouble = !ordering && s.any(lexicon::TROUBLE | lexicon::FAULT);
            let statement = !ordering
                && (0..s.len()).any(|i| s.is(i, lexicon::STATE | lexicon::SUBJECT) || matches!(s.word(i), "twice" | "not" | "no" | "never"));
            sig.title_trouble |= trouble;
            sig.title_statement |= statement;
            states.problem = trouble || statement;
        } else if ordering && offered {
            sig.offered_fixes += 1;
        } else if order.is_some() && !describes {
            if s.view.is_list_item() {
                sig.list_orders += 1;
            } else {
                sig.orders += 1;
            }
        } else if modal.is_some() {
            sig.modal_orders += 1;
        }
        if ordering && !offered && tech.is_some() {
            sig.tech_orders += 1;
        }
        if !title {
            match section {
                Section::Proposal => sig.proposal_words += s.len(),
                Section::Problem => sig.problem_words += s.len(),
                Section::Acceptance => sig.acceptance_words += s.len(),
                Section::Behaviour if expected.get(s.view.index).copied().unwrap_or(false) => sig.expected_words += s.len(),
                _ => {}
            }
        }
        sig.hedges += s.count(lexicon::HEDGE).min(1);
        sig.open_asks += usize::from(!title && opens_question(&s));
        sig.questions += usize::from(s.is_question());
        sig.code_refs += (0..s.len()).filter(|&i| s.raw(i) == crate::text::CODE_WORD).count();

        // Plans and criteria say what to build; outcome signals count in the ticket's own telling.
        let plan = matches!(section, Section::Proposal | Section::Acceptance | Section::Meta | Section::PossibleFix);
        // Problem statements are sentences that describe rather than order.
        let needy = needs(&s, config);
        if (!ordering || describes) && !plan {
            // Fault words ("duplicate", "outdated") report trouble only in a title (`FAULT_WORDS`).
            let trouble = if title { lexicon::TROUBLE | lexicon::FAULT } else { lexicon::TROUBLE };
            let troubled = s.any(trouble) || s.contains(phrase!["not", "working"]) || s.contains(phrase!["no", "longer"]) || s.contains(phrase!["instead", "of"]);
            sig.trouble += usize::from(troubled);
            sig.problem_trouble += usize::from(troubled && section == Section::Problem);
            let (observed, cannot, now) = (observes(&s), blocked(&s), current_state(&s));
            sig.observations += usize::from(observed);
            sig.blocked += usize::from(cannot);
            sig.current_state += usize::from(now);
            let negated = s.words().any(|w| matches!(w, "not" | "no" | "never" | "without" | "nothing" | "none") || w.ends_with("n't"));
            let problem = !title && s.any(lexicon::STATE) && (negated || s.any(lexicon::TROUBLE | lexicon::VALUE));
            sig.problem_sentences += usize::from(problem);
            states.problem |= !title && (troubled || observed || cannot || now || problem || needy);
            sig.narrative += usize::from(s.words().any(|w| matches!(w, "i" | "we" | "we're" | "i'm" | "our" | "my" | "us" | "i've" | "we've")));
            if !title && s.len() >= 5 && !s.is_question() {
                sig.descriptive += 1;
                sig.states += usize::from(s.any(lexicon::STATE));
            }
        }
        let told = !plan && !title;
        let purposing = told && to_purpose(&s);
        sig.to_purpose += usize::from(purposing);
        // A value word in a question ("would this be useful?") asks, it does not claim.
        let values = if told && !asks(&s) { value_words(&s) } else { 0 };
        let valued = values > 0;
        sig.value += values;
        sig.environment += usize::from(environment(&s));
        // A plan's own reasons ("to filter boosts") mostly restate it, but a benefit claimed
        // for it ("this would also solve the case when engineers change groups") says why,
        // under "Proposal" as anywhere. (30 x 5-fold: outcome kappa 0.740 -> 0.744, task-style
        // P 0.855 -> 0.858; three labelled tickets gain a purpose, all stating an outcome.)
        let claims_benefit = plan && !ordering && !title && consequence(&s).is_some();
        let purposeful = (!plan || claims_benefit) && purpose(&s, &title_words);
        sig.purpose += usize::from(purposeful);
        sig.benefit_sentences += usize::from(purposeful || purposing || valued);
        sig.needs += usize::from(needy);
        states.user_story = user_story(&s);
        sig.user_story |= states.user_story;
        // Infinitive purposes ("index the dates to filter boosts") mostly restate the change;
        // only reasons, purpose clauses and words of value say why.
        states.purpose = purposeful || valued;
        sig.roles += s.count(lexicon::ROLE) + configured(&s, &config.vocabulary.roles);
        let numbers = (0..s.len()).filter(|&i| number_with_unit(&s, i)).count();
        sig.evidence += numbers;
        let measures = measure(&s, numbers > 0, config);
        sig.measures += measures;
        states.evidence = numbers > 0;
        sig.told_evidence += usize::from(told && numbers > 0);
        states.measure = measures > 0;
        sig.invitations += usize::from(invites(&s));
        sig.support += usize::from(offers_support(&s));
        sig.authority += usize::from(grants_authority(&s));
        if let Some(t) = trace.as_deref_mut() {
            t.push((format!("[{:?}] {}", section, s.text().trim()), sig.clone()));
        }
        facts.push(Facts { sentence: s, order, modal, tech, states });
    }
    sig.step_runs = step_list::detect(reading).len();
    for h in reading.headings() {
        if matches!(sections.get(h.index).copied().unwrap_or(h.section), Section::Reproduce | Section::Behaviour) {
            sig.bug_sections += 1;
        }
    }
    sig.evidence += source_evidence(&reading.body.source);
    sig.quoted_lines = reading.quoted_lines;
    (sig, facts)
}

/// Each block's section as the signals read it: the reading's section, except that a heading
/// nobody classified ("Notes", "How should it look") reads as neutral description rather than
/// metadata.
/// Per block of the reading, its section (headings refined, see `refine_heading`) and whether
/// the section states expected behaviour ("Expected behavior"): for a bug, what done looks like.
fn refined_sections(reading: &Reading) -> (Vec<Section>, Vec<bool>) {
    let mut out = Vec::with_capacity(reading.blocks.len());
    let mut expected = Vec::with_capacity(reading.blocks.len());
    let mut current = Section::None;
    let mut current_expected = false;
    for v in &reading.blocks {
        if v.is_title() {
            out.push(v.section);
            expected.push(false);
            continue;
        }
        if v.heading_like {
            let lower = v.block.text.to_ascii_lowercase();
            current = refine_heading(v.section, &lower);
            current_expected = current == Section::Behaviour && lower.contains("expected");
        } else if v.section == Section::None {
            current = Section::None;
            current_expected = false;
        }
        out.push(current);
        expected.push(current_expected);
    }
    (out, expected)
}

fn refine_heading(section: Section, lower: &str) -> Section {
    let any = |keys: &[&str]| super::reading::mentions(lower, keys);
    match section {
        // "Current state", "Current limitation": what is now, like a bug's current behaviour.
        Section::Meta | Section::Description if any(&["current"]) => Section::Behaviour,
        Section::Meta
            if !any(&[
                "version", "environment", "platform", "link", "reference", "related", "screenshot", "log", "attach", "label",
                "resource", "config", "output", "trace", "dependenc", "mockup", "mantis", "conversion",
            ]) =>
        {
            Section::Description
        }
        s => s,
    }
}

/// A question, also when brackets or quotes close it ("(would this help?)").
fn asks(s: &Sentence) -> bool {
    s.text().trim_end().trim_end_matches([')', ']', '"', '\'', '*', '_']).ends_with('?')
}

/// Words of value written in lower case: "Buyer Experience" or "Performance Team" in
/// mid-sentence name something, they do not weigh it.
fn value_words(s: &Sentence) -> usize {
    (0..s.len())
        .filter(|&i| s.flags(i) & lexicon::VALUE != 0 && (i == 0 || !s.raw(i).starts_with(|c: char| c.is_ascii_uppercase())))
        .count()
}

/// "... to filter boosts by date": an infinitive of purpose after the change, not the "to" of
/// "need to", "able to" or "add X to Y".
fn to_purpose(s: &Sentence) -> bool {
    s.may_have(any_word!["to"]) && (3..s.len().saturating_sub(1)).any(|i| {
        s.word(i) == "to"
            && !matches!(
                s.word(i - 1),
                "need" | "needs" | "want" | "wants" | "have" | "has" | "able" | "how" | "going" | "like" | "order" | "due"
                    | "according" | "up" | "back" | "related" | "similar" | "compared" | "next" | "used" | "set" | "moved"
                    | "added" | "changed" | "tries" | "try" | "trying" | "wanted" | "supposed" | "failed" | "fails"
            )
            && {
                let v = s.word(i + 1);
                s.is(i + 1, lexicon::ORDER) || matches!(v, "see" | "know" | "find" | "get" | "keep" | "help" | "filter" | "avoid" | "let" | "reach" | "understand" | "check" | "access" | "work" | "view" | "search" | "manage" | "identify" | "communicate")
            }
    })
}

/// "Version: 2.1", "OS: Linux", "Browser: Firefox 120".
fn environment(s: &Sentence) -> bool {
    matches!(s.word(0), "version" | "os" | "browser" | "platform" | "environment" | "device" | "commit" | "build" | "revision")
        && s.text()[s.word_range(0).map_or(0, |r| r.1 - s.start)..].trim_start().starts_with(':')
}

/// "Investigate why ...", "Why does ...", "What's the best way to ...": the ticket asks.
fn opens_question(s: &Sentence) -> bool {
    let first = s.word(0);
    s.is(0, lexicon::OPEN)
        || (first == "why" || first == "how") && s.is_question()
        || s.contains(phrase!["best", "way"])
        || s.contains(phrase!["figure", "out"])
        || s.contains(phrase!["look", "into"])
}

/// Reasons and purposes: "so that", "because", "in order to", "would help". A clause that
/// only repeats the title's words restates the change, and "because it is obsolete" is
/// housekeeping, not an outcome.
fn purpose(s: &Sentence, title: &[&str]) -> bool {
    const MARKERS: &[&Phrase] = &[
        phrase!["so", "that"], phrase!["so", "we"], phrase!["so", "they"], phrase!["so", "users"], phrase!["so", "you"], phrase!["so", "people"],
        phrase!["in", "order", "to"], phrase!["because"], phrase!["since"], phrase!["to", "allow"], phrase!["to", "enable"], phrase!["to", "help"],
        phrase!["to", "avoid"], phrase!["to", "prevent"], phrase!["to", "reduce"], phrase!["to", "improve"], phrase!["to", "make", "it"],
        phrase!["to", "make", "sure"], phrase!["to", "ensure"], phrase!["would", "help"], phrase!["would", "make"], phrase!["would", "allow"],
        phrase!["would", "be", "nice"], phrase!["would", "be", "great"], phrase!["would", "be", "useful"], phrase!["would", "be", "helpful"],
        phrase!["would", "be", "good"], phrase!["makes", "it"], phrase!["due", "to"], phrase!["as", "a", "result"], phrase!["the", "reason"],
        phrase!["otherwise"], phrase!["leads", "to"], phrase!["resulting", "in"], phrase!["this", "means"], phrase!["which", "means"],
        phrase!["that", "way"], phrase!["allows", "us"], phrase!["allows", "users"], phrase!["enables"],
        // Named goals and motives ("given the goal of ...", "my motivation is that ..."); two
        // labelled tickets gain a purpose, both stating an outcome (10 x 5-fold 0.663 -> 0.677).
        phrase!["motivation"], phrase!["goal", "of"], phrase!["goal", "is"], phrase!["aim", "is"], phrase!["idea", "of", "this"],
        phrase!["purpose", "of"], phrase!["objective", "is"],
    ];
    let claimed = consequence(s).map(|at| (at, 1));
    for (at, len) in MARKERS.iter().filter_map(|m| s.find(m).map(|at| (at, m.len()))).chain(claimed) {
        // "It would make sense to ...", "makes sense": a suggestion, not a benefit.
        if s.word(at + len) == "sense" {
            continue;
        }
        let rest: Vec<&str> = (at + len..s.len()).map(|i| s.word(i)).filter(|w| w.len() > 3 && !function_word(w)).take(8).collect();
        if rest.is_empty() {
            continue;
        }
        if matches!(s.word(at), "because" | "since")
            && rest.iter().any(|w| matches!(*w, "obsolete" | "deprecated" | "duplicated" | "duplicate" | "unused" | "redundant" | "outdated"))
        {
            continue;
        }
        let echoed = rest.iter().filter(|w| title.contains(w)).count();
        if echoed * 10 >= rest.len() * 7 && !title.is_empty() {
            continue;
        }
        return true;
    }
    false
}

/// "This would considerably ease operations", "it would save reviewers a click", "this will
/// allow operators to ...": a benefit claimed for the change, with adverbs allowed between;
/// returns the verb's index. "Would it help ...?" asks (a subject between), "would not help"
/// denies, "would make sense" suggests. ("will" joined "would" at 10 x 5-fold outcome kappa
/// 0.677 -> 0.683; four labelled tickets gain a purpose, all of them stating an outcome.)
fn consequence(s: &Sentence) -> Option<usize> {
    let at = s.find(phrase!["would"]).or_else(|| s.find(phrase!["will"]))?;
    let mut i = at + 1;
    while i < s.len() && i <= at + 3 && (s.word(i).ends_with("ly") || matches!(s.word(i), "also" | "much")) {
        i += 1;
    }
    let benefit = matches!(
        s.word(i),
        "ease" | "save" | "simplify" | "reduce" | "improve" | "help" | "allow" | "enable" | "let" | "avoid" | "prevent"
            | "solve" | "speed" | "benefit" | "make" | "eliminate" | "give"
    );
    (benefit && s.word(i + 1) != "sense").then_some(i)
}

/// A title that requires rather than names: "Don't send empty messages", "Exports should keep
/// the column order". "When it should ..." contrasts a bug with the expected behaviour instead,
/// and "Should exports keep the order?" asks.
fn title_requires(s: &Sentence) -> bool {
    if s.is_question() {
        return false;
    }
    let negated_order = matches!(s.word(0), "don't" | "never") || s.word(0) == "do" && s.word(1) == "not";
    negated_order
        || (1..s.len()).any(|i| {
            let w = s.word(i);
            (s.is(i, lexicon::MODAL) || matches!(w, "need" | "needs") && s.word(i + 1) == "to")
                && !matches!(s.word(i - 1), "it" | "that" | "which" | "what")
        })
}

/// Words that carry no content of their own, so they neither restate nor add to a change.
fn function_word(w: &str) -> bool {
    matches!(
        w,
        "have" | "has" | "need" | "needs" | "want" | "this" | "that" | "these" | "there" | "with" | "will" | "would"
            | "should" | "does" | "doesn't" | "don't" | "it's" | "them" | "they" | "their" | "then" | "than" | "also"
            | "been" | "being" | "were" | "what" | "when" | "which" | "from" | "into" | "some" | "more" | "able"
            // The ticket naming itself ("the goal of this issue is to ...") says nothing of why.
            | "issue" | "ticket"
    )
}

/// Someone needs, wants or cannot do something.
fn needs(s: &Sentence, config: &Config) -> bool {
    let triggers = s.may_have(any_word!["need", "needs", "want", "wants", "expect", "expects", "can't", "cannot", "struggle", "lose", "waste", "miss", "are", "is", "would", "have"]);
    for i in (0..s.len()).filter(|_| triggers) {
        let w = s.word(i);
        let who = s.is(i, lexicon::ROLE) || matches!(w, "we" | "i" | "they" | "people" | "someone" | "nobody");
        if who {
            let next = s.word(i + 1);
            let after = s.word(i + 2);
            if matches!(next, "need" | "needs" | "want" | "wants" | "expect" | "expects" | "can't" | "cannot" | "struggle" | "lose" | "waste" | "miss")
                || (next == "are" || next == "is") && matches!(after, "unable" | "forced" | "blocked" | "confused" | "struggling")
                || next == "would" && after == "like"
                || next == "have" && after == "to"
            {
                return true;
            }
        }
    }
    configured(s, &config.vocabulary.roles) > 0
        || s.contains(phrase!["no", "way", "to"])
        || s.contains(phrase!["not", "possible"])
        || s.contains(phrase!["it", "would", "be"])
        || s.contains(phrase!["be", "able", "to"])
}

/// "It is not possible to", "there is no way to", "users cannot", "unable to": something cannot
/// be done now, told as a state rather than ordered.
fn blocked(s: &Sentence) -> bool {
    s.words().any(|w| matches!(w, "cannot" | "can't" | "unable" | "impossible" | "couldn't"))
        || s.contains(phrase!["not", "possible"])
        || s.contains(phrase!["no", "way", "to"])
        || s.contains(phrase!["not", "able", "to"])
}

fn current_state(s: &Sentence) -> bool {
    progressive(s)
        || s.words().any(|w| matches!(w, "currently" | "today" | "still"))
        || s.contains(phrase!["right", "now"])
        || s.contains(phrase!["at", "the", "moment"])
        || s.contains(phrase!["there", "is", "no"])
        || s.contains(phrase!["there's", "no"])
        || s.contains(phrase!["there", "are", "no"])
}

/// People doing something now, told in the progressive: "we are building three kinds of
/// handlers", "users keep getting logged out", "people are contributing without guidelines".
/// The practice of today, which the change is to alter. A plan told the same way ("we are
/// going to / planning to / adding ...") is not the present.
fn progressive(s: &Sentence) -> bool {
    (0..s.len().saturating_sub(2)).any(|i| {
        let who = matches!(s.word(i), "we" | "they" | "people") || s.is(i, lexicon::ROLE);
        let verb = s.word(i + 2);
        who && matches!(s.word(i + 1), "are" | "were" | "keep")
            && verb.len() > 4
            && verb.ends_with("ing")
            && !matches!(verb, "going" | "planning" | "proposing" | "adding" | "introducing" | "implementing" | "working" | "thinking")
    })
}

/// First-hand reports: "I tried", "we noticed", "when I open".
fn observes(s: &Sentence) -> bool {
    if !s.may_have(any_word!["i", "we", "when", "whenever", "after"]) {
        return false;
    }
    for i in 0..s.len() {
        let w = s.word(i);
        let next = s.word(i + 1);
        if matches!(w, "i" | "we")
            && matches!(
                next,
                "tried" | "noticed" | "get" | "got" | "see" | "saw" | "found" | "ran" | "observed" | "encountered" | "hit" | "receive" | "received" | "am" | "was" | "were" | "have"
            )
        {
            return true;
        }
        if matches!(w, "when" | "whenever" | "after") && matches!(next, "i" | "we" | "you" | "trying" | "running" | "using" | "clicking" | "opening") {
            return true;
        }
    }
    false
}

fn user_story(s: &Sentence) -> bool {
    s.opens_user_story()
        && (s.contains(phrase!["i", "want"]) || s.contains(phrase!["i", "need"]) || s.contains(phrase!["i", "would"]) || s.contains(phrase!["i", "should"]) || s.contains(phrase!["i", "can"]) || s.contains(phrase!["i", "am"]))
}

fn configured(s: &Sentence, terms: &[String]) -> usize {
    terms
        .iter()
        .filter(|t| {
            let lower = t.to_ascii_lowercase();
            let words: Vec<&str> = lower.split_whitespace().collect();
            s.find_words(&words).is_some()
        })
        .count()
}

/// "30 s", "120KB", "95%", "2x": a quantity someone measured.
fn number_with_unit(s: &Sentence, i: usize) -> bool {
    let w = s.word(i);
    if !w.as_bytes().first().is_some_and(u8::is_ascii_digit) {
        return false;
    }
    let digits = w.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || w.contains('.') && w.bytes().filter(|&b| b == b'.').count() > 1 {
        return false; // no number, or a version string
    }
    let unit = &w[digits..];
    let next = s.word(i + 1);
    // "120 tickets", "120 of these tickets", "120 support tickets": a count of reports or people.
    let counted = |w: &str| matches!(w, "tickets" | "complaints" | "reports" | "calls" | "customers" | "incidents" | "requests" | "users" | "errors");
    matches!(unit, "ms" | "s" | "kb" | "mb" | "gb" | "x" | "k" | "m" | "h" | "min" | "%")
        || matches!(next, "ms" | "seconds" | "minutes" | "hours" | "days" | "percent" | "times" | "kb" | "mb" | "gb")
        || counted(next)
        || counted(s.word(i + 2))
        || next == "of" && counted(s.word(i + 3))
        || s.text().get(s.word_range(i).map_or(0, |r| r.1 - s.start)..).is_some_and(|t| t.starts_with('%'))
        // A rate: "40 a day", "3 per week", "30 exports each month", "40 refund requests a day".
        || (1..=3).any(|k| matches!(s.word(i + k), "a" | "an" | "per" | "each" | "every") && time_unit(s.word(i + k + 1)))
}

fn time_unit(w: &str) -> bool {
    matches!(w, "day" | "week" | "month" | "year" | "hour" | "minute" | "second" | "sprint" | "release" | "quarter")
}

/// Targets: measure words next to numbers, team measures, "success" criteria.
fn measure(s: &Sentence, has_numbers: bool, config: &Config) -> usize {
    let team = configured(s, &config.vocabulary.measures);
    let numeric = has_numbers && s.any(lexicon::MEASURE);
    let criterion = s.contains(phrase!["done", "when"]) || s.contains(phrase!["we", "will", "know"]) || s.contains(phrase!["success", "means"]);
    team + usize::from(numeric) + usize::from(criterion)
}

fn invites(s: &Sentence) -> bool {
    s.any(lexicon::INVITE)
        || s.contains(phrase!["let", "me", "know"])
        || s.contains(phrase!["let", "us", "know"])
        || s.contains(phrase!["edge", "cases"])
        || s.contains(phrase!["what", "do", "you", "think"])
        || s.contains(phrase!["open", "to"])
        || s.is_question() && s.words().any(|w| matches!(w, "you" | "we" | "anyone" | "should"))
}

fn offers_support(s: &Sentence) -> bool {
    s.contains(phrase!["happy", "to", "help"])
        || s.contains(phrase!["can", "help"])
        || s.contains(phrase!["reach", "out"])
        || s.contains(phrase!["ping", "me"])
        || s.contains(phrase!["pair"])
        || s.contains(phrase!["ask", "me"])
        || s.contains(phrase!["i", "can", "review"])
        || s.contains(phrase!["available", "to"])
}

fn grants_authority(s: &Sentence) -> bool {
    s.contains(phrase!["up", "to", "you"])
        || s.contains(phrase!["your", "call"])
        || s.contains(phrase!["you", "decide"])
        || s.contains(phrase!["feel", "free"])
        || s.contains(phrase!["your", "choice"])
        || s.contains(phrase!["at", "your", "discretion"])
        || s.words().any(|w| matches!(w, "delegate" | "delegated" | "delegation"))
}

/// Logs, stack traces, screenshots: evidence the prose reader skipped.
fn source_evidence(source: &str) -> usize {
    // Only the markers' first bytes are visited (memchr skips the rest a word at a time; a byte
    // loop here was a twentieth of a board row). Each marker is counted without overlaps, as
    // `str::matches` does; markers with different first bytes never overlap each other.
    const MARKERS: [&[u8]; 5] = [b"```", b"{code", b"{noformat", b"![", b"<img"];
    let bytes = source.as_bytes();
    let mut counts = [0usize; 5];
    let mut free_from = [0usize; 5];
    let candidates = memchr::memchr3_iter(b'`', b'{', b'!', bytes).chain(memchr::memchr_iter(b'<', bytes));
    for i in candidates {
        for (k, m) in MARKERS.iter().enumerate() {
            if i >= free_from[k] && bytes[i..].starts_with(m) {
                counts[k] += 1;
                free_from[k] = i + m.len();
            }
        }
    }
    let fences = counts[0] / 2 + counts[1] / 2 + counts[2] / 2;
    let images = counts[3] + counts[4];
    fences.min(3) + images.min(3)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::docs;

    fn signals(title: &str, body: &str) -> Signals {
        let (t, b) = docs(title, body);
        collect(&Reading::new(&t, &b), &Config::default()).0
    }

    #[test]
    fn counts_orders_and_problems_apart() {
        let order = signals("Add CSV export", "- Add a button\n- Store the file\n");
        assert!(order.title_order && order.list_orders == 2 && order.trouble == 0 && order.step_runs == 1);
        let bug = signals("Import fails for large files", "## Steps to reproduce\n\n1. Upload a 2 GB file\n\n## Actual behaviour\n\nThe import crashes after 30 s.\n");
        assert!(!bug.title_order && bug.title_trouble && bug.bug_sections == 2 && bug.trouble >= 1 && bug.evidence >= 1);
    }

    #[test]
    fn duplicates_are_trouble_in_a_title_report_not_as_a_reason_for_removal() {
        let report = signals("duplicate units in packages after an upgrade", "");
        assert!(report.title_trouble && !report.title_order);
        let removal = signals("Remove the legacy importer", "Remove the legacy importer. It is duplicated in the new pipeline and outdated.");
        assert!(removal.title_order && !removal.title_trouble && removal.trouble == 0);
    }

    #[test]
    fn purpose_must_say_more_than_the_change() {
        assert_eq!(signals("Add CSV export", "Add CSV export so that analysts can work offline.").purpose, 1);
        assert_eq!(signals("Add CSV export", "We need this so that we have CSV export.").purpose, 0);
        assert_eq!(signals("Remove the old banner", "Remove it because it is obsolete.").purpose, 0);
    }

    #[test]
    fn flags_environment_headings_as_meta_and_allows_unknown_headings_as_prose() {
        assert_eq!(refine_heading(Section::Meta, "more thoughts"), Section::Description);
        assert_eq!(refine_heading(Section::Meta, "environment"), Section::Meta);
        assert_eq!(refine_heading(Section::Proposal, "proposal"), Section::Proposal);
        let s = signals("Share links", "## Where we are\n\nShared searches open empty for teammates, so they ask again in chat.\n");
        assert!(s.descriptive == 1 && s.purpose == 1);
        let s = signals("Share links", "## Logs\n\nShared searches open empty for teammates, so they ask again in chat.\n");
        assert!(s.descriptive == 0 && s.purpose == 0);
    }

    #[test]
    fn flags_current_state_headings_as_behaviour_and_allows_current_plans() {
        assert_eq!(refine_heading(Section::Meta, "current limitation"), Section::Behaviour);
        assert_eq!(refine_heading(Section::Proposal, "current plan of record"), Section::Proposal);
        assert_eq!(signals("Mobile view", "## Current state\n\nOn a phone the page shows a broken layout.\n").bug_sections, 1);
        assert_eq!(signals("Mobile view", "## Notes\n\nOn a phone the page shows a broken layout.\n").bug_sections, 0);
    }

    #[test]
    fn flags_expected_behaviour_and_allows_actual_behaviour() {
        let bug = "## Actual behaviour\n\nThe log stops after ten minutes.\n\n## Expected behaviour\n\nThe log keeps streaming until the job ends.\n";
        assert_eq!(signals("Job log stops streaming", bug).expected_words, 8);
        assert_eq!(signals("Job log stops streaming", "**Actual behavior**\n\nThe log stops after ten minutes.\n").expected_words, 0);
    }

    #[test]
    fn flags_todays_practice_told_in_the_progressive_and_allows_plans() {
        let now = |body: &str| signals("Add an off click directive", body).current_state;
        assert_eq!(now("Throughout the codebase we are building three kinds of off click handlers."), 1);
        assert_eq!(now("Users keep getting logged out after an upgrade."), 1);
        assert_eq!(now("People are contributing pages without any writing guidelines."), 1);
        assert_eq!(now("We are going to add a directive for this."), 0);
        assert_eq!(now("We are adding a directive in the next release."), 0);
        assert_eq!(now("They are great handlers."), 0);
    }

    #[test]
    fn flags_rates_as_evidence_and_allows_counts_of_things() {
        assert_eq!(signals("Refunds", "Agents re-enter about 40 a day by hand.").evidence, 1);
        assert_eq!(signals("Refunds", "It happens 3 per week.").evidence, 1);
        assert_eq!(signals("Refunds", "About 30 exports a week fail this way.").evidence, 1);
        assert_eq!(signals("Refunds", "Support handles ~40 refund requests a day by email.").evidence, 1);
        assert_eq!(signals("Refunds", "Support answered 120 of these tickets last quarter.").evidence, 1);
        assert_eq!(signals("Refunds", "We got 14 support tickets about it.").evidence, 1);
        assert_eq!(signals("Refunds", "Add 2 buttons to a page.").evidence, 0);
        assert_eq!(signals("Refunds", "Split it into 3 pages of results.").evidence, 0);
    }

    #[test]
    fn flags_value_claims_and_allows_names_and_questions() {
        assert_eq!(signals("Search", "Finding old threads is tedious for moderators.").value, 1);
        assert_eq!(signals("Search", "(Would this be useful?)").value, 0);
        assert_eq!(signals("Search", "Move the widget to the Buyer Experience repository.").value, 0);
        assert_eq!(signals("Search", "## Proposal\n\nA faster index would make this easier.\n").value, 0);
    }

    #[test]
    fn flags_negated_and_modal_titles_as_orders_and_allows_expected_behaviour() {
        assert!(signals("Don't send empty messages", "").title_order);
        assert!(signals("Do not retry failed uploads", "").title_order);
        assert!(signals("Exports should keep the column order", "").title_order);
        assert!(!signals("The exporter writes bytes when it should write text", "").title_order);
        assert!(!signals("Exports lose the column order", "").title_order);
        assert!(!signals("Should exports keep the column order?", "").title_order);
    }

    #[test]
    fn flags_claimed_consequences_as_purpose_and_allows_restatements() {
        assert_eq!(signals("Add CSV export", "This would considerably ease monthly reporting for analysts.").purpose, 1);
        assert_eq!(signals("Add CSV export", "It would help export CSV.").purpose, 0);
        assert_eq!(signals("Add CSV export", "It would be a CSV file.").purpose, 0);
        assert_eq!(signals("Add CSV export", "Would it help analysts reconcile totals?").purpose, 0);
        assert_eq!(signals("Add CSV export", "It would not help analysts reconcile totals.").purpose, 0);
        assert_eq!(signals("Add CSV export", "It would make sense to offer spreadsheets too.").purpose, 0);
    }

    #[test]
    fn flags_harms_under_a_goal_heading_and_allows_them_in_a_plan() {
        let goal = signals("Purge the CDN cache after deploys", "## Goal\n\nReduce the number of failed deploys caused by stale caches.\n");
        assert_eq!(goal.problem_trouble, 1);
        let plan = signals("Purge the CDN cache after deploys", "## Proposal\n\nPurge the cache so stale assets never break a deploy.\n");
        assert_eq!(plan.problem_trouble, 0);
        let told = signals("Purge the CDN cache after deploys", "Stale assets break about one deploy a week.\n");
        assert_eq!(told.problem_trouble, 0);
    }

    #[test]
    fn flags_benefits_claimed_in_a_proposal_and_allows_its_own_reasons() {
        let proposal = |text: &str| signals("Label merge requests by author group", &format!("## Proposal\n\n{text}\n")).purpose;
        assert_eq!(proposal("Infer the group from the author. This would also solve the case when engineers move between groups."), 1);
        assert_eq!(proposal("Infer the group from the author so that the label is set."), 0);
        assert_eq!(proposal("Infer the group from the author to keep the mapping."), 0);
    }

    #[test]
    fn flags_stated_goals_and_promised_benefits_as_purpose_and_allows_restatements() {
        let purpose = |title: &str, body: &str| signals(title, body).purpose;
        assert_eq!(purpose("Avatar tooltips", "Given the goal of moving shared components into one library, the avatar needs every feature of the old one."), 1);
        assert_eq!(purpose("Add section labels", "My motivation is that leads could search across every group at once."), 1);
        assert_eq!(purpose("Run as the postgres user", "This will allow operators to share the socket and the data volume."), 1);
        assert_eq!(purpose("Add CSV export", "The goal of this issue is to add CSV export."), 0);
        assert_eq!(purpose("Add CSV export", "The goal is CSV export."), 0);
        assert_eq!(purpose("Add CSV export", "It will make sense to offer spreadsheets too."), 0);
        assert_eq!(purpose("Add CSV export", "Will it help analysts reconcile totals?"), 0);
    }

    #[test]
    fn flags_malfunction_verbs_as_trouble_and_allows_plain_statements() {
        assert_eq!(signals("Feed", "The feed jumps and the reader loses their place.").trouble, 1);
        assert_eq!(signals("Feed", "The feed shows the newest posts first.").trouble, 0);
    }

    #[test]
    fn flags_every_negated_auxiliary_as_trouble_and_allows_plain_ones() {
        // "isn't" and "doesn't" always counted; "aren't", "didn't", "hasn't" ... now do too.
        for body in ["Reminders aren't sent after a merge.", "The import didn't finish.", "The guide hasn't been updated since 2.0."] {
            assert_eq!(signals("Reminders", body).trouble, 1, "{body}");
        }
        assert_eq!(signals("Reminders", "Reminders are sent after a merge.").trouble, 0);
    }

    #[test]
    fn counts_evidence_markers_like_substring_search() {
        let old = |source: &str| {
            let fences = source.matches("```").count() / 2 + source.matches("{code").count() / 2 + source.matches("{noformat").count() / 2;
            let images = source.matches("![").count() + source.matches("<img").count();
            fences.min(3) + images.min(3)
        };
        for source in ["", "```\nlog\n```", "``````", "````` ``` ` ``", "{code}x{code} ![a](b) <img src=x> {noformat}", "![![![![", "é```é```", "{cod {code{code}"] {
            assert_eq!(source_evidence(source), old(source), "{source:?}");
        }
    }

    #[test]
    fn flags_rework_verbs_as_orders_and_allows_them_as_subjects() {
        // Order verbs of rework and routing ("rework", "redirect", "revoke", "handle", ...).
        assert!(signals("Rework the upload dialog", "").title_order);
        assert!(signals("Billing: handle expired cards at checkout", "").title_order);
        assert_eq!(signals("Tokens", "Revoke the token when a member leaves the team.").orders, 1);
        assert!(!signals("Redirect fails after login", "").title_order);
        assert!(!signals("Resolve button is hidden on narrow screens", "").title_order);
    }

    #[test]
    fn flags_unquoted_orders_and_allows_quoted_labels() {
        assert!(!signals("\"Save draft\" button vanishes on narrow screens", "").title_order);
        assert_eq!(signals("Drafts", "\u{201c}Export all\u{201d} stays greyed out for editors.").orders, 0);
        assert!(signals("Save drafts every minute", "").title_order);
        assert_eq!(signals("Drafts", "Use \"Draft\" as the label of the button.").orders, 1);
    }

    #[test]
    fn flags_blocked_and_allows_orders() {
        assert_eq!(signals("Share links", "Right now it is not possible to share a saved search with a teammate.").blocked, 1);
        assert_eq!(signals("Share links", "Reviewers cannot tell which comment is new.").blocked, 1);
        assert_eq!(signals("Share links", "Add a share button next to the search box.").blocked, 0);
    }
}
