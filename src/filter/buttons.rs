//! Button and forum-widget cues from literal word tables: a line's role read from the standard
//! words of a page convention, one table per convention, each entry the usual word of that
//! convention in one of the European languages of the web (en de fr es it pt nl sv da nb fi pl
//! cs sk hu ro hr sl ca tr). Checked by lower-cased word lookup, no regex, so they cost a scan
//! of a short line and nothing at start-up (issue 15).
//!
//! `Cues::classify` asks them after its guards (quoted and reported speech, numbered items) and
//! reports a match under an existing cue name (`widget_line`, `field_line`, `counter_line`).

use super::text;

/// Most words of a share or print button with its object ("Partilhe esta notícia com os seus
/// vizinhos"): a longer line is a sentence about sharing.
const SHARE_BUTTON_MAX_WORDS: usize = 8;
/// How many words after the verb may hold its object ("Share <this> <whole> <story>").
const OBJECT_WINDOW_WORDS: usize = 4;
/// Most words of one field of a button bar ("Odpowiedz z cytatem").
const BAR_FIELD_MAX_WORDS: usize = 4;
/// Most words of a forum profile line ("Lid sinds: feb 2008 · Berichten: 1.904 · ...").
const PROFILE_MAX_WORDS: usize = 16;
/// Fewest profile labels in a profile line: one "Posts: 12" may be a table row.
const PROFILE_MIN_LABELS: usize = 2;
/// Most words of a thread's statistics line ("Dit onderwerp is 1.322 keer bekeken").
const THREAD_STATS_MAX_WORDS: usize = 12;

/// Share and print buttons: the imperative (or the infinitive and noun a button is labelled
/// with) of sharing, printing, sending and saving a page.
#[rustfmt::skip]
const SHARE_VERBS: &[&str] = &[
    "share", "teilen", "teile", "partager", "partagez", "partage", "compartir", "comparte",
    "comparta", "compártelo", "condividi", "condividere", "partilhe", "partilha", "partilhar",
    "compartilhe", "compartilhar", "deel", "delen", "dela", "del", "deler", "udostępnij",
    "sdílejte", "sdílet", "zdieľajte", "zdieľať", "jaa", "megosztás", "oszd", "ossza",
    "distribuie", "distribuiți", "podijeli", "podijelite", "deli", "delite", "comparteix",
    "compartiu", "paylaş", "paylaşın", "print", "drucken", "drucke", "imprimer", "imprimez",
    "imprimir", "imprime", "imprima", "stampa", "stampare", "afdrukken", "drukuj", "wydrukuj",
    "vytisknout", "vytiskněte", "vytlačiť", "tulosta", "yazdır", "nyomtatás", "nyomtasd",
    "printează", "imprimă", "ispiši", "isprintaj", "natisni", "imprimeix", "send", "senden",
    "envoyer", "envoyez", "enviar", "envía", "invia", "envie", "stuur", "skicka", "wyślij",
    "pošlete", "lähetä", "gönder", "trimite", "pošalji", "pošaljite", "envia", "udskriv",
    "versenden", "empfehlen", "empfehle", "recommend", "recommander", "recommandez",
    "recomendar", "recomienda", "consiglia", "recomende", "aanbevelen", "rekommendera",
    "anbefal", "poleć", "doporučte", "suosittele", "önerin", "ajánld", "recomandă", "preporuči",
    // forwarding and tweeting a page
    "forward", "weiterleiten", "transférer", "reenviar", "inoltra", "inoltrare", "encaminhar",
    "doorsturen", "vidarebefordra", "videresend", "przekaż", "přeposlat", "tweet", "tweeten",
    "twittern", "tweeter", "tuitear", "twittare", "tuitar",
    // the read-aloud button: listening to the page
    "listen", "anhören", "vorlesen", "écouter", "écoutez", "escuchar", "escucha", "ascolta",
    "ascoltare", "ouvir", "ouça", "luister", "beluister", "lyssna", "lyt", "lytt", "posłuchaj",
    "odsłuchaj", "poslechnout", "poslechněte", "vypočuť", "kuuntele", "dinle", "meghallgatás",
    "ascultă", "poslušaj", "poslušajte", "slušaj", "escolta", "ακούστε", "ακρόαση",
    // Greek: share, print, send
    "κοινοποίηση", "κοινοποιήστε", "μοιραστείτε", "μοιράσου", "εκτύπωση", "εκτυπώστε",
    "αποστολή", "στείλτε",
];

/// What a share or print button acts on: the page, the article and its kinds, and the
/// channels it shares to, as stems (a stem opens the word: "artic" for "article",
/// "articolul"; "interv" for "interviul", "intervju").
#[rustfmt::skip]
const SHARE_OBJECTS: &[&str] = &[
    "artic", "artík", "artíc", "artik", "artyk", "story", "stories", "post", "page", "recipe",
    "guide", "interv", "news", "beitr", "seite", "rezept", "recette", "notic", "notíc", "notiz",
    "pági", "pagin", "recet", "ricett", "recei", "recept", "bericht", "sidan", "siden",
    "guiden", "opskrift", "oppskrift", "saken", "historien", "indlæg", "innlegg", "inlägg",
    "nyhed", "nyhet", "strona", "stronę", "przepis", "wpis", "článek", "článok", "stránk",
    "sivu", "juttu", "resepti", "haber", "sayfa", "tarif", "makale", "cikk", "oldal", "rețet",
    "reţet", "članak", "članek", "stran", "butllet", "newsletter", "e-post", "e-mail", "email",
    "mail", "facebook", "whatsapp", "link", "lenke", "länk", "odkaz", "linkki", "bağlant",
    "poveznic", "enllaç", "enlace", "lien", "collegamento", "amic", "friend", "freund", "ami",
    "vriend", "vän", "ven", "znajom", "přítel", "ystävä", "arkadaş", "barát", "prieten",
    "prijatel", "rezens", "recens", "review", "critique", "kritik", "crític", "crónica",
    "chroniq", "άρθρ", "σελίδ", "είδησ", "ανάρτησ", "συνταγ", "φίλ",
];

/// The objects "del" (da, nb, sv "share") may take: in Spanish and Italian "del" is a
/// preposition ("Del artículo 5 ..."), so only the Scandinavian definite nouns and channels.
#[rustfmt::skip]
const DEL_OBJECTS: &[&str] = &[
    "artik", "guiden", "saken", "historien", "indlæg", "innlegg", "inlägg", "opskrift",
    "oppskrift", "siden", "sidan", "nyhed", "nyhet", "e-post", "e-mail", "email", "mail",
    "facebook", "lenke", "länk", "link",
];

/// Forum and comment-thread buttons, and the share, print and save buttons of a page, as the
/// first word of a field of a button bar ("Odpowiedz z cytatem | Zgłoś post", "Citeren |
/// Melden | Bovenkant", "Spara annons ☆ | Tipsa en vän").
#[rustfmt::skip]
const BAR_BUTTONS: &[&str] = &[
    "quote", "zitieren", "citer", "citar", "cita", "citeren", "citera", "sitér", "siter",
    "cytuj", "citovat", "citovať", "lainaa", "alıntı", "alıntıla", "idézet", "idéz", "citează",
    "citiraj", "citiraj", "reply", "antworten", "répondre", "responder", "rispondi", "reageer",
    "reageren", "svara", "svar", "odpowiedz", "odpovědět", "odpovedať", "vastaa", "yanıtla",
    "cevapla", "válasz", "válaszol", "răspunde", "odgovori", "odgovor", "respon", "report",
    "melden", "signaler", "denunciar", "segnala", "rapportera", "anmäl", "rapporter", "zgłoś",
    "nahlásit", "nahlásiť", "ilmoita", "şikayet", "bildir", "jelentés", "raportează", "prijavi",
    "denuncia", "top", "nach", "haut", "arriba", "inizio", "topo", "bovenkant", "boven",
    "toppen", "góra", "nahoru", "alkuun", "yukarı", "fel", "sus", "vrh", "amunt", "edit",
    "bearbeiten", "modifier", "editar", "modifica", "bewerken", "redigera", "edytuj", "upravit",
    "muokkaa", "düzenle", "szerkesztés", "editează", "uredi", "permalink", "save", "speichern",
    "merken", "enregistrer", "guardar", "salva", "salvar", "bewaar", "opslaan", "spara", "gem",
    "lagre", "zapisz", "uložit", "uložiť", "tallenna", "kaydet", "mentés", "salvează", "spremi",
    "desa", "tipsa", "tip", "copy", "kopieren", "copier", "copiar", "copia", "kopiëren",
    "kopiera", "kopier", "kopiuj", "kopírovat", "kopioi", "kopyala", "másolás", "copiază",
    "kopiraj", "còpia", "comment", "kommentieren", "commentez", "commenter", "comenta",
    "commenta", "comente", "kommentera", "kommenter", "komentuj", "komentujte", "kommentoi",
    "yorumla", "kommentálj", "comentează", "komentiraj", "réagissez", "réagir", "like", "liken",
    "gefällt", "j'aime", "gilla", "lubię", "tykkää", "beğen", "partagez", "comparte",
    "megosztás", "megosztása", "απάντηση", "παράθεση", "αναφορά", "επεξεργασία", "αποθήκευση",
    "σχόλιο", "σχολιάστε",
];

/// Labels of a forum member's profile under a post: joined, member since, posts, location.
#[rustfmt::skip]
const PROFILE_LABELS: &[&str] = &[
    "joined", "member since", "registered", "posts", "messages", "location", "from",
    "dabei seit", "mitglied seit", "registriert seit", "registriert", "beiträge", "wohnort",
    "inscrit", "inscrit le", "localisation", "registrado", "mensajes", "ubicación", "desde",
    "iscritto", "iscritto il", "messaggi", "località", "membro desde", "mensagens",
    "localização", "lid sinds", "berichten", "woonplaats", "medlem sedan", "medlem siden",
    "inlägg", "ort", "indlæg", "innlegg", "bosted", "dołączył", "dołączyła", "posty", "postów",
    "skąd", "lokalizacja", "registrován", "příspěvky", "bydliště", "liittynyt", "viestit",
    "viestejä", "paikkakunta", "katılım", "mesajlar", "konum", "csatlakozott", "hozzászólások",
    "helység", "înregistrat", "mesaje", "locație", "locaţie", "pridružen", "registriran",
    "postovi", "poruke", "lokacija", "mesto", "registrat", "missatges", "ubicació",
    "μέλος από", "εγγραφή", "μηνύματα", "δημοσιεύσεις", "τοποθεσία",
];

/// Nouns of a forum thread, which a thread's statistics line opens with ("This topic has 3
/// replies and 1,287 views", "Ten temat ma 3 odpowiedzi ...").
#[rustfmt::skip]
const THREAD_NOUNS: &[&str] = &[
    "topic", "thread", "thema", "diskussion", "sujet", "discussion", "tema", "hilo",
    "argomento", "discussione", "tópico", "onderwerp", "draadje", "ämne", "tråd", "tråden",
    "emne", "temat", "wątek", "téma", "vlákno", "aihe", "ketju", "konu", "subiect", "subiectul",
    "fil", "tòpic", "θέμα",
];

/// Views and replies counted under a thread (stems).
#[rustfmt::skip]
const THREAD_COUNTS: &[&str] = &[
    "view", "aufruf", "zugriff", "vue", "visit", "visualizz", "visualiza", "bekeken",
    "weergave", "visning", "wyświetl", "zobrazen", "katselu", "luettu", "görüntülen",
    "megtekint", "vizualiz", "pregled", "ogled", "repl", "antwort", "réponse", "respuest",
    "rispost", "respost", "reactie", "antwoord", "svar", "odpowied", "odpověd", "vastau",
    "yanıt", "cevap", "válasz", "răspuns", "odgovor", "προβολ", "απαντ",
];

/// Most words of a forum's "who is online" line ("Users browsing this thread: 3 (0 members,
/// 3 guests)").
const ONLINE_MAX_WORDS: usize = 16;
/// Most words of an edit or publication stamp ("Zuletzt geändert von <user> am <date>, insgesamt
/// 2-mal geändert"): a stamp and its date, no sentence.
const STAMP_MAX_WORDS: usize = 20;
/// Most words of a stamp without a figure ("Publié par le service communication"): who
/// published, no more.
const STAMP_NAME_MAX_WORDS: usize = 7;

/// Guests counted by a forum's "who is online" box, beside the members ("14 gebruikers en 87
/// gasten", "3 (0 members, 3 guests)").
#[rustfmt::skip]
const GUEST_WORDS: &[&str] = &[
    "guest", "guests", "gast", "gäste", "gästen", "invité", "invités", "invitado", "invitados",
    "ospite", "ospiti", "convidado", "convidados", "visitante", "visitantes", "gasten", "gäst",
    "gäster", "gæst", "gæster", "gjest", "gjester", "gość", "gości", "host", "hostů", "hosté",
    "hostia", "hostí", "vierasta", "vieraita", "vierailijaa", "misafir", "vendég", "vendégek",
    "vizitator", "vizitatori", "vizitatoare", "gost", "gosti", "gostiju", "gostov", "convidat",
    "convidats", "επισκέπτες", "επισκέπτης", "anonymous", "anonyme", "anónimos", "anonimi",
];

/// The stamp of a post's or a page's last edit or publication, as the words that open it: a
/// forum's "last edited by", a page's "updated" or "published" with its date, a blog's
/// "posted by" ("Zadnja izmjena: ivana_z, 24.7.2008.", "Actualizado el 02/10/2023"). Multi-word
/// entries are matched on the line's opening words.
#[rustfmt::skip]
const STAMP_OPENERS: &[&str] = &[
    "last edited", "last modified", "last updated", "edited by", "updated", "published",
    "posted", "zuletzt geändert", "zuletzt bearbeitet", "zuletzt editiert", "zuletzt aktualisiert",
    "bearbeitet von", "aktualisiert", "veröffentlicht", "erstellt am", "eingestellt von",
    "dernière modification", "dernière édition", "dernière mise à jour", "modifié par",
    "édité par", "mis à jour", "publié", "posté par", "última edición", "última modificación",
    "última actualización", "editado por", "modificado por", "actualizado", "publicado",
    "ultima modifica", "modificato da", "ultimo aggiornamento", "aggiornato", "pubblicato",
    "última edição", "última alteração", "atualizado", "atualizada", "laatst bewerkt",
    "laatst gewijzigd", "bewerkt door", "bijgewerkt", "gepubliceerd", "geplaatst",
    "senast redigerad", "senast ändrad", "senast uppdaterad", "redigerad av", "uppdaterad",
    "publicerad", "senest redigeret", "senest opdateret", "redigeret af", "opdateret",
    "publiceret", "sist redigert", "sist endret", "sist oppdatert", "redigert av", "oppdatert",
    "publisert", "ostatnio edytowany", "ostatnio edytowane", "ostatnia edycja", "edytowany przez",
    "zaktualizowano", "aktualizacja", "opublikowano", "naposledy upraveno", "naposledy upravil",
    "aktualizováno", "publikováno", "aktualizované", "publikované", "viimeksi muokattu",
    "muokannut", "päivitetty", "julkaistu", "son düzenleme", "düzenleyen", "güncellendi",
    "güncelleme", "yayınlandı", "yayın tarihi", "utoljára szerkesztette", "szerkesztette",
    "frissítve", "frissítés", "publikálva", "ultima editare", "editat de", "actualizat",
    "publicat", "zadnja izmjena", "zadnji put uređeno", "uredio", "ažurirano", "objavljeno",
    "zadnje urejanje", "zadnjič urejeno", "posodobljeno", "última edició", "editat per",
    "actualitzat", "τελευταία επεξεργασία", "επεξεργάστηκε", "ενημερώθηκε", "τελευταία ενημέρωση",
    "δημοσιεύθηκε", "δημοσιεύτηκε", "δημοσίευση",
];

/// Stamp openers that name who edited or published (a forum's "last edited by", a blog's
/// "posted by"): their line may stand between posts, with or without a date.
#[rustfmt::skip]
const EDIT_OPENERS: &[&str] = &[
    "last edited", "edited by", "zuletzt geändert", "zuletzt bearbeitet", "zuletzt editiert",
    "bearbeitet von", "dernière modification", "dernière édition", "modifié par", "édité par",
    "última edición", "editado por", "modificado por", "ultima modifica", "modificato da",
    "última edição", "laatst bewerkt", "bewerkt door", "senast redigerad", "redigerad av",
    "senest redigeret", "redigeret af", "sist redigert", "redigert av", "ostatnio edytowany",
    "ostatnio edytowane", "ostatnia edycja", "edytowany przez", "naposledy upraveno",
    "naposledy upravil", "viimeksi muokattu", "muokannut", "son düzenleme", "düzenleyen",
    "utoljára szerkesztette", "szerkesztette", "ultima editare", "editat de", "zadnja izmjena",
    "zadnji put uređeno", "zadnje urejanje", "zadnjič urejeno", "última edició", "editat per",
    "τελευταία επεξεργασία", "επεξεργάστηκε",
];

/// Words after a stamp's opener that say who published it ("Publié par le service
/// communication", "Posted by Jane"): by, von, par, por, da ... .
#[rustfmt::skip]
const STAMP_BY: &[&str] = &[
    "by", "von", "par", "por", "da", "door", "av", "af", "przez", "de", "di", "από", "tarafından",
];

/// The line's words, lower-cased, with the punctuation around each trimmed.
fn words(t: &str) -> impl Iterator<Item = String> + '_ {
    t.split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-')
                .to_lowercase()
        })
        .filter(|w| !w.is_empty())
}

fn opens_with_any(word: &str, stems: &[&str]) -> bool {
    stems.iter().any(|s| word.starts_with(s))
}

/// A share, print or send button with its object: the verb first, the page, the article, a
/// friend or a channel within a few words after it, and no full stop or question closing
/// the line ("Partilhe esta notícia com os seus vizinhos", "Distribuie interviul", "Del
/// guiden med en haveven ✂️", "Tulosta sivu", "Imprimeix aquest butlletí").
pub(crate) fn is_share_button(t: &str, words_in_line: usize) -> bool {
    if words_in_line > SHARE_BUTTON_MAX_WORDS || t.trim_end().ends_with(['.', '?', ':', ';']) {
        return false;
    }
    let mut ws = words(t);
    let Some(verb) = ws.next() else {
        return false;
    };
    if !SHARE_VERBS.contains(&verb.as_str()) {
        return false;
    }
    let objects = if verb == "del" {
        DEL_OBJECTS
    } else {
        SHARE_OBJECTS
    };
    ws.take(OBJECT_WINDOW_WORDS)
        .any(|w| opens_with_any(&w, objects))
}

/// A bar of buttons: two or more fields split by bars or dots, each a few words that open or
/// close with a button's word (quote, reply, report, top, save, share, print, copy,
/// comment), one field aside ("Artikel versenden | Drucken | Leserbrief schreiben"); a row
/// of such words split by commas ("Commentez, partagez, réagissez !"); or one share button
/// alone ("Udostępnij").
pub(crate) fn is_button_bar(t: &str) -> bool {
    let is_button = |w: &str| BAR_BUTTONS.contains(&w) || SHARE_VERBS.contains(&w);
    let field_is_button = |f: &str| {
        text::word_count(f) <= BAR_FIELD_MAX_WORDS && {
            let mut ws = words(f);
            let first = ws.next();
            let last = ws.last();
            first.is_some_and(|w| is_button(&w)) || last.is_some_and(|w| is_button(&w))
        }
    };
    let fields: Vec<&str> = t
        .split(['|', '·', '•'])
        .map(str::trim)
        .filter(|f| !f.is_empty())
        .collect();
    if fields.len() >= 2 {
        let buttons = fields.iter().filter(|f| field_is_button(f)).count();
        return buttons >= 2 && buttons + 1 >= fields.len();
    }
    let items: Vec<&str> = t
        .split(',')
        .map(str::trim)
        .filter(|f| !f.is_empty())
        .collect();
    if items.len() >= 2 {
        return items.iter().all(|f| {
            let mut ws = words(f);
            ws.next().is_some_and(|w| is_button(&w)) && ws.next().is_none()
        });
    }
    let mut ws = words(t);
    ws.next()
        .is_some_and(|w| SHARE_VERBS.contains(&w.as_str()) && ws.next().is_none())
        && !t.trim_end().ends_with('.')
}

/// A forum member's profile under a post: two or more "label: value" fields with the labels
/// of [`PROFILE_LABELS`] ("Dołączył: 03.2007 | Posty: 412 | Skąd: Brzezinów").
pub(crate) fn is_profile_line(t: &str, words_in_line: usize) -> bool {
    if words_in_line > PROFILE_MAX_WORDS || !t.contains(':') {
        return false;
    }
    let labels = t
        .split(['|', '·', '•', ','])
        .filter_map(|field| field.split_once(':'))
        .filter(|(label, _)| {
            let label = label.trim().to_lowercase();
            PROFILE_LABELS.contains(&label.as_str())
        })
        .count();
    labels >= PROFILE_MIN_LABELS
}

/// A thread's statistics: the thread noun in the first two words, a figure, and views or
/// replies counted ("Dit onderwerp is 1.322 keer bekeken", "Ten temat ma 3 odpowiedzi i 1287
/// wyświetleń"), with no sentence after.
pub(crate) fn is_thread_stats(t: &str, words_in_line: usize) -> bool {
    if words_in_line > THREAD_STATS_MAX_WORDS
        || !t.chars().any(|c| c.is_ascii_digit())
        || t.trim_end().ends_with('.')
        || [". ", "! ", "? "].iter().any(|stop| t.contains(stop))
    {
        return false;
    }
    let mut ws = words(t);
    let head = [ws.next(), ws.next()];
    head.iter()
        .flatten()
        .any(|w| THREAD_NOUNS.contains(&w.as_str()))
        && ws.any(|w| opens_with_any(&w, THREAD_COUNTS))
}

/// A forum's "who is online" box: a count of guests beside a count of members or users, in a
/// short line ("Users browsing this thread: 3 (0 members, 3 guests)", "Wie is er online: 14
/// gebruikers en 87 gasten").
pub(crate) fn is_online_users(t: &str, words_in_line: usize) -> bool {
    if words_in_line > ONLINE_MAX_WORDS || t.trim_end().ends_with('.') {
        return false;
    }
    let ws: Vec<String> = words(t).collect();
    let counted_guests = ws
        .windows(2)
        .any(|p| is_count(&p[0]) && GUEST_WORDS.contains(&p[1].as_str()));
    counted_guests && ws.iter().filter(|w| is_count(w)).count() >= 2
}

/// A whole number as a word ("3", "1.287", "014,372").
fn is_count(w: &str) -> bool {
    w.starts_with(|c: char| c.is_ascii_digit())
        && w.chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
}

/// Which stamp a line is, if it opens with a stamp word: `Some(true)` for an edit stamp
/// (who last edited a post: between posts too), `Some(false)` for a page's publication or
/// update stamp (at the article's edges). A stamp holds a figure (its date) or names who
/// published in a few words, and is no sentence: no full stop before its end but a date's.
pub(crate) fn stamp(t: &str, words_in_line: usize) -> Option<bool> {
    if words_in_line > STAMP_MAX_WORDS
        || t.trim_end().ends_with(['?', '!', ':'])
        || [". ", "! ", "? "]
            .iter()
            .any(|stop| t.match_indices(stop).any(|(i, _)| !ends_in_figure(&t[..i])))
    {
        return None;
    }
    let lower = t
        .trim_start_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase();
    let opener = STAMP_OPENERS.iter().find(|o| {
        lower.starts_with(*o)
            && lower[o.len()..]
                .chars()
                .next()
                .is_none_or(|c| !c.is_alphanumeric())
    })?;
    let rest = &lower[opener.len()..];
    let figure = rest.chars().any(|c| c.is_ascii_digit());
    let edit = EDIT_OPENERS.contains(opener);
    let next = words(rest).next().unwrap_or_default();
    let short = words_in_line <= STAMP_NAME_MAX_WORDS;
    let named = STAMP_BY.contains(&next.as_str()) && short && !t.trim_end().ends_with('.');
    if edit {
        return (figure || short).then_some(true);
    }
    // a page's stamp: the date right after the opener or its preposition ("Published 3 March",
    // "Actualizado el 02/10/2023"), a short dated line ("Updated March 3, 2024"), or who
    // published; a sentence ("Publicado en 2019, el informe ...") ends on a word
    let dated = figure
        && (is_count(&next)
            || next.starts_with(|c: char| c.is_ascii_digit())
            || STAMP_DATE_LINKS.contains(&next.as_str())
            || words_in_line <= STAMP_DATED_MAX_WORDS)
        && (!t.trim_end().ends_with('.') || ends_in_figure(t.trim_end().trim_end_matches('.')));
    (dated || named).then_some(false)
}

/// Most words of a page's stamp whose date does not follow its opener ("Updated March 3, 2024").
const STAMP_DATED_MAX_WORDS: usize = 5;

/// Prepositions between a page's stamp and its date: on, am, le, el, il, em, op, den ...
#[rustfmt::skip]
const STAMP_DATE_LINKS: &[&str] = &[
    "on", "at", "am", "um", "le", "à", "el", "il", "em", "op", "den", "dnia", "dne", "o", "a",
    "în", "u", "στις", "ve", "kl", "klo", "alle", "às",
];

/// Whether the text before a full stop ends in a figure (the stop of a date: "3. März").
fn ends_in_figure(t: &str) -> bool {
    t.ends_with(|c: char| c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn share_button_needs_its_object() {
        for line in [
            "Partilhe esta notícia com os seus vizinhos",
            "Distribuie interviul",
            "Del guiden med en haveven ✂️",
            "Tulosta sivu",
            "Imprimeix aquest butlletí",
            "Share this story with a friend",
        ] {
            assert!(is_share_button(line, text::word_count(line)), "{line}");
        }
        for line in [
            "Del artículo 5 se desprende lo contrario",
            "Share prices rose on Monday.",
            "Print runs were cut by half",
            "Comparte el premio con su hermano",
        ] {
            assert!(!is_share_button(line, text::word_count(line)), "{line}");
        }
    }

    #[test]
    fn button_bars_and_forum_fields() {
        assert!(is_button_bar("Odpowiedz z cytatem | Zgłoś post"));
        assert!(is_button_bar("Citeren | Melden | Bovenkant"));
        assert!(!is_button_bar("Rovers 2 | Town 1"));
        assert!(!is_button_bar("Top scorer | Jane Roe"));
        assert!(is_button_bar(
            "Artikel versenden | Drucken | Leserbrief schreiben"
        ));
        assert!(is_button_bar("Commentez, partagez, réagissez !"));
        assert!(is_button_bar("Udostępnij"));
        assert!(!is_button_bar("Share."));
        assert!(!is_button_bar("Reply, he said, was slow"));
        let p = "Lid sinds: feb 2008 · Berichten: 1.904 · Woonplaats: Hattemerveen";
        assert!(is_profile_line(p, text::word_count(p)));
        let q = "Posts: 12 goals in the season";
        assert!(!is_profile_line(q, text::word_count(q)));
        let s = "Dit onderwerp is 1.322 keer bekeken";
        assert!(is_thread_stats(s, text::word_count(s)));
        let r = "The topic drew 300 residents to the hall, who asked for answers.";
        assert!(!is_thread_stats(r, text::word_count(r)));
    }

    #[test]
    fn online_boxes_and_stamps() {
        let online = |t: &str| is_online_users(t, text::word_count(t));
        assert!(online(
            "Users browsing this thread: 3 (0 members, 3 guests)"
        ));
        assert!(online("Wie is er online: 14 gebruikers en 87 gasten"));
        assert!(!online("The hotel had 40 rooms and 87 guests on Friday."));
        assert!(!online("87 guests attended"));
        let stamp = |t: &str| stamp(t, text::word_count(t));
        assert_eq!(stamp("Zadnja izmjena: ivana_z, 24.7.2008."), Some(true));
        assert_eq!(
            stamp(
                "Zuletzt geändert von kaltduscher62 am Mo 15. Jan 2024, 21:15, insgesamt 2-mal geändert."
            ),
            Some(true)
        );
        assert_eq!(stamp("Actualizado el 02/10/2023"), Some(false));
        assert_eq!(stamp("Publié par le service communication"), Some(false));
        assert_eq!(
            stamp("Published by Penguin in 1998, the book sold well."),
            None
        );
        assert_eq!(
            stamp("Updated figures show 40 more cases. The council met."),
            None
        );
        assert_eq!(
            stamp("Publicado en 2019, el informe fue ignorado por el Gobierno."),
            None
        );
        assert_eq!(stamp("Posted"), None);
    }
}
