//! The subject of a writer's bio closing an article, read from its form and one literal table:
//! a person named first, then a verb of the present or perfect in the third person that bios
//! are written with (`<Name> is ...`, `<Name> has tested ... since ...`, `<Name> writes about
//! ...`, `<Name>, <role>, teaches ...`), in the web's European languages and Greek. Checked by
//! word lookup, no regex (issue 15).
//!
//! Whether the person is the writer is the engine's question (`Cues::in_context`): the name is
//! in the byline, and no story sentence names the person.

use super::shapes;
use super::text;

/// Most words of the appositive between a name and its verb ("Giulio Arcangeli, critico
/// teatrale, insegna ...").
const APPOSITIVE_MAX_WORDS: usize = 5;

/// The verbs a bio opens its predicate with, third person present or perfect: to be, to have,
/// to write, cover, review or test, to live, work, teach, lead or chair.
#[rustfmt::skip]
const BIO_VERBS: &[&str] = &[
    // en
    "is", "has", "writes", "covers", "reviews", "tests", "lives", "works", "teaches", "chairs",
    "runs", "edits", "reports", "blogs", "leads", "heads", "studied", "joined",
    // de
    "ist", "hat", "schreibt", "berichtet", "testet", "lebt", "arbeitet", "lehrt", "leitet",
    "bloggt",
    // fr
    "est", "a", "écrit", "couvre", "teste", "vit", "travaille", "enseigne", "dirige", "tient",
    // es, ca
    "es", "ha", "escribe", "cubre", "prueba", "vive", "trabaja", "enseña", "és", "escriu",
    "viu", "treballa", "ensenya",
    // it
    "è", "scrive", "segue", "recensisce", "lavora", "insegna", "cura",
    // pt
    "é", "tem", "escreve", "cobre", "trabalha", "ensina",
    // nl
    "heeft", "schrijft", "test", "woont", "werkt", "doceert", "leidt",
    // sv, da, nb
    "är", "har", "skriver", "bor", "arbetar", "jobbar", "undervisar", "er", "arbejder",
    "underviser", "jobber", "arbeider",
    // pl, cs, sk, sl, hr
    "jest", "pisze", "mieszka", "pracuje", "prowadzi", "wykłada", "je", "píše", "žije",
    "vyučuje", "piše", "živi", "dela", "radi", "predaje", "poučuje",
    // fi, hu, ro, tr
    "on", "kirjoittaa", "asuu", "työskentelee", "opettaa", "ír", "él", "dolgozik", "tanít",
    "este", "scrie", "trăiește", "lucrează", "predă", "yazıyor",
    // el
    "είναι", "γράφει", "ζει", "εργάζεται", "διδάσκει",
];

/// Whether a word is a bio's verb (see [`BIO_VERBS`]).
fn is_bio_verb(w: &str) -> bool {
    BIO_VERBS.contains(&w)
}

/// A bio's subject: the first name, the surname when the full name is given, and whether the
/// verb after the name is one a bio is written with (a first name alone needs one). Three forms: a full name and any verb in
/// lower case (see [`shapes::opening_name`]); a full name, an appositive between commas and a
/// bio verb ("Giulio Arcangeli, critico teatrale, insegna ..."); a first name alone and a bio
/// verb ("Owen has tested audio gear since 2015.").
pub(crate) fn bio_subject(t: &str) -> Option<(&str, Option<&str>, bool)> {
    if let Some((first, surname)) = shapes::opening_name(t) {
        let verb = t
            .split_whitespace()
            .skip_while(|w| *w != surname)
            .nth(1)
            .is_some_and(is_bio_verb);
        return Some((first, Some(surname), verb));
    }
    let tokens: Vec<&str> = t.split_whitespace().collect();
    let capital = |w: &str| {
        w.starts_with(char::is_uppercase)
            && w.chars().skip(1).all(|c| c.is_lowercase() || c == '-')
            && w.chars().count() >= 2
    };
    // a full name closed by the appositive's comma
    if let Some(subject) = appositive_bio(&tokens, capital) {
        return Some(subject);
    }
    let first = *tokens.first()?;
    if !capital(first) || text::TITLE_SMALL_WORDS.contains(&first.to_lowercase().as_str()) {
        return None;
    }
    // a byline's preposition is no first name ("Por este precio, ..." under "Por Javier
    // Solano")
    let lower = first.to_lowercase();
    if BYLINE_WORDS.contains(&lower.as_str()) {
        return None;
    }
    tokens
        .get(1)
        .is_some_and(|w| is_bio_verb(w))
        .then_some((first, None, true))
}

/// The words a byline opens with before the name: by, von, par, por, di, door, av ...
#[rustfmt::skip]
const BYLINE_WORDS: &[&str] = &[
    "by", "von", "vom", "par", "por", "di", "da", "de", "door", "av", "af", "przez", "od",
    "från", "fra", "with", "mit", "avec", "con", "com", "met", "med", "per", "para", "pour",
    "für", "for", "από", "text", "texto", "testo", "tekst", "texte", "words", "foto", "photo",
];

/// "<First> <Surname>, <role>, <bio verb> ...": the name's last word carries the comma, the
/// appositive closes on the next one.
fn appositive_bio<'a>(
    tokens: &[&'a str],
    capital: impl Fn(&str) -> bool,
) -> Option<(&'a str, Option<&'a str>, bool)> {
    let close = tokens.iter().position(|w| w.ends_with(','))?;
    let surname = tokens[close].trim_end_matches(',');
    if !(1..=3).contains(&close) || !tokens[..close].iter().all(|w| capital(w)) || !capital(surname)
    {
        return None;
    }
    let after = close
        + 1
        + tokens[close + 1..]
            .iter()
            .take(APPOSITIVE_MAX_WORDS)
            .position(|w| w.ends_with(','))?;
    let verb = tokens.get(after + 1)?;
    is_bio_verb(verb).then_some((tokens[0], Some(surname), true))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bio_subjects_and_their_look_alikes() {
        assert_eq!(
            bio_subject("Owen has tested audio gear since 2015. He owns too many cables."),
            Some(("Owen", None, true))
        );
        assert_eq!(
            bio_subject("Caroline Mewes is a former publican and chairs the Rural Pubs Trust."),
            Some(("Caroline", Some("Mewes"), true))
        );
        assert_eq!(
            bio_subject("Giulio Arcangeli, critico teatrale, insegna drammaturgia al liceo."),
            Some(("Giulio", Some("Arcangeli"), true))
        );
        assert_eq!(
            bio_subject("Jane Roe said the plan would fail."),
            Some(("Jane", Some("Roe"), false))
        );
        assert_eq!(bio_subject("Yesterday the council met."), None);
        assert_eq!(bio_subject("The mayor is a former teacher."), None);
        assert_eq!(bio_subject("Paris, the capital, is busy."), None);
        assert_eq!(
            bio_subject("Por este precio, es difícil encontrar algo mejor."),
            None
        );
    }
}
