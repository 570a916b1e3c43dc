// The matching rules of the anonymisation guard.
//
// A published narrative refers to people only by anonymised references ("Mr B", "Mrs A's
// mother"), to staff by role, and to a GP or dental practice only as "the practice" (DESIGN §3
// publishes them as "A GP practice" / "A dental practice"), so any of the following is a hit:
// for any person recorded on the complaint (complainant, representative, other people) and for
// the MP who referred it, what a reader would recognise of their details; for an organisation
// published anonymously, its own names. The balance is explicit: a false alarm costs a
// caseworker a rephrasing or an acknowledgement (AcknowledgeAnonymisationIssue), a leak names
// a member of the public, so where the two cannot be told apart the guard reports a hit.
//
// Words and boundaries. Text is UTF-8 read unit by unit; an invalid byte is a unit of its own
// and never makes the guard fail. A word character is an ASCII letter or digit or a non-ASCII
// letter-like unit (an invalid byte counts as one); spaces, punctuation (curly quotes, dashes,
// "£", "€", ...), apostrophes and hyphens of every kind are boundaries. "Whole word" means a
// match neither preceded nor followed by a word character: "Brown" is found in "Mr Brown’s",
// never in "Brownlow" or "Brownée". Letters compare without case, and Latin letters without
// their diacritics, on both sides (letter_fold.h: Latin-1, Latin Extended-A and -B, and Latin
// Extended Additional, so "Nguyen" = "Nguyễn", "ØDEGAARD" = "Odegaard", "Æ" = "ae", "ß" =
// "ss"). Invisible format characters (soft hyphen, zero-width spaces and joiners, direction
// marks, word joiner, byte order mark, ...; text_match.h) are skipped inside a match, and
// combining marks (U+0300..U+036F and the like) are skipped as part of the letter before them:
// "Wren\u00ADfield" and "Wren\u200Bfield" are "Wrenfield", the decomposed "Jose\u0301" is
// "José". At the edges of a match an invisible character still counts as a boundary, so "Wren"
// is found there too. A run of spaces matches any run of spaces (no-break spaces included). An
// apostrophe or hyphen inside a name or address (' ` ´ ‘ ’ ‛ ′ ʼ, - ‐ ‑ ‒ – — − ...) may be
// written with any other, with spaces, or not at all ("O'Neill" = "O’Neill" = "O Neill" =
// "ONeill"; "Smith-Jones" = "Smith–Jones" = "Smith Jones"), and one may be written inside a
// name recorded without it ("ONeill" finds "O’Neill"). Offsets are those of the first byte of
// the match in the paragraph as written.
//
// given_name: each space-separated token of the given name, and each word of a hyphenated or
//   apostrophised token ("Mary-Jane" -> "Mary-Jane", "Mary", "Jane"), as whole words. A given
//   name that is also an ordinary word or a month ("May", "Will", "Grace"; the short list in
//   data/ordinary_word_given_names.txt) is a hit only where it stands as a name: next to
//   another part of the person's name or after a title, whatever the case, or capitalised
//   where the ordinary word would not be (name_context.h) — "May" in "In May 2020" and "will"
//   in "the trust will apologise" are not hits, "We wrote to May" and "Will complained" are.
//   Every other given name is a hit wherever it appears as a word.
// family_name: the whole family name as a phrase, each of its space-separated tokens except
//   particles (de, van, von, la, ...), and each word of a hyphenated or apostrophised token
//   ("O'Neill" -> "O'Neill", "Neill"; "Smith-Jones" -> "Smith-Jones", "Smith", "Jones"), each
//   also in the plural ("the Wrenfields", "the Joneses") and so the plural possessive
//   ("Wrenfields’"). A family name is never relaxed like an ordinary-word given name: "Mr May"
//   is found in "May".
//   For both names a token or word shorter than two characters is skipped: initials, and the
//   letter of an anonymised reference ("Mr B"), are not names.
// email: the address anywhere, as a case-insensitive substring.
// phone: the number compared as digits, "+44"/"0044" equal to a leading "0" (+44 7700 900123 =
//   07700 900123), whatever the separators between the digit groups (spaces, dashes, dots,
//   slashes, brackets; phone_match.h); numbers with fewer than 7 digits are ignored.
// postal_code: the postcode as whole words, case-insensitive, spaces ignored ("SW1A 1AA" finds
//   "sw1a1aa"); postcodes with fewer than 4 characters are ignored.
// postal_address: each address line (trimmed of punctuation) as a whole-word phrase; also
//   each comma-separated part of a line, and the street name of the line and of each part
//   without its leading house number (digits and an optional letter: "12", "12a"), each when
//   it is distinctive: at least two words or at least 6 characters ("Flat 2, 14 Mill Lane" ->
//   "Flat 2", "14 Mill Lane", "Mill Lane"; "12 Acacia Avenue" -> "Acacia Avenue"; but "3
//   Mill" gives no "Mill"). Street words match written in full or abbreviated, whichever was
//   recorded ("Mill Lane" finds "Mill Ln", "Station Rd" finds "Station Road", "St" is Street
//   and Saint; guard_phrases.h). The locality is not looked for on its own, nor is a line or
//   part that is just the locality: a town is not personal data by itself.
// date_of_birth: the date in the common written forms of date_match.h ("3 March 1980",
//   "March 3, 1980", "03/03/1980", "3/3/80", "3-Mar-1980", "1980-03-03", ...).
// The referring MP: their name as a person's (role "referring_mp"), without the styles,
//   titles and post-nominal letters around it ("The Rt Hon Jane Smith KC MP" -> given "Jane",
//   family "Smith").
// An organisation published anonymously (role "gp_practice" or "dental_practice"): its
//   display name and short name as whole-word phrases (kinds "display_name", "short_name"),
//   and each without a leading "The" and its trailing generic words when what remains is
//   distinctive ("Beech Grove Medical Centre" -> "Beech Grove").
//
// Every hit is reported, overlapping ones of different kinds included; the same paragraph,
// offset, kind and role is reported once (two people of one role share a hit), with the
// longest match there. Order: paragraph (as given), offset, kind, then person.
#include "services/remedy/anonymisation_guard.h"

#include <algorithm>
#include <climits>
#include <map>
#include <string_view>
#include <tuple>

#include "services/remedy/date_match.h"
#include "services/remedy/guard_phrases.h"
#include "services/remedy/name_context.h"
#include "services/remedy/phone_match.h"
#include "services/remedy/text_match.h"

namespace redress::remedy {
namespace {

// What one person, MP or organisation is looked for by.
struct Subject {
  std::string role;
  std::string title;  // for StandsAsName
  std::vector<GuardPhrase> phrases;
  std::string phone;
  std::optional<absl::CivilDay> date_of_birth;
};

Subject SubjectOf(const PersonOnCase& person) {
  Subject subject{person.role, person.title, NamePhrases(person), person.phone,
                  person.date_of_birth};
  for (GuardPhrase& phrase : ContactPhrases(person)) subject.phrases.push_back(std::move(phrase));
  return subject;
}

std::vector<Subject> SubjectsOf(const PersonalDataOnCase& on_case) {
  std::vector<Subject> subjects;
  for (const PersonOnCase& person : on_case.people) subjects.push_back(SubjectOf(person));
  if (!on_case.referring_mp_name.empty()) {
    subjects.push_back(SubjectOf(ReferringMp(on_case.referring_mp_name)));
  }
  for (const AnonymousOrganisation& organisation : on_case.anonymous_organisations) {
    subjects.push_back({organisation.kind, "", OrganisationPhrases(organisation), "", {}});
  }
  return subjects;
}

struct Hit {
  size_t paragraph;
  TextSpan span;
  std::string kind;
  size_t subject;
};

// The hits of `subject` in `text`: every phrase, phone and date of birth, with the matches of
// an ordinary-word given name kept only where they stand as a name.
void AddHitsIn(std::vector<Hit>& hits, size_t paragraph, std::string_view text, size_t index,
               const Subject& subject) {
  std::vector<TextSpan> name_parts;  // where the name is found outright
  std::vector<std::pair<const GuardPhrase*, TextSpan>> ordinary;
  for (const GuardPhrase& phrase : subject.phrases) {
    for (const TextSpan& span : FindPhrase(text, phrase.text, phrase.mode)) {
      if (phrase.ordinary_word) {
        ordinary.emplace_back(&phrase, span);
        continue;
      }
      const std::string_view kind = phrase.kind;
      if (kind == kGivenName || kind == kFamilyName) name_parts.push_back(span);
      hits.push_back({paragraph, span, phrase.kind, index});
    }
  }
  for (const auto& [phrase, span] : ordinary) {
    if (StandsAsName(text, span, name_parts, subject.title)) {
      hits.push_back({paragraph, span, phrase->kind, index});
    }
  }
  for (const TextSpan& span : FindPhoneNumber(text, subject.phone)) {
    hits.push_back({paragraph, span, kPhone, index});
  }
  if (subject.date_of_birth) {
    for (const TextSpan& span : FindDate(text, *subject.date_of_birth)) {
      hits.push_back({paragraph, span, kDateOfBirth, index});
    }
  }
}

int ClampedInt(size_t value) { return static_cast<int>(std::min<size_t>(value, INT_MAX)); }

}  // namespace

bool PersonalDataHit::operator==(const PersonalDataHit& o) const {
  return std::tie(field, offset, kind, person_role) ==
         std::tie(o.field, o.offset, o.kind, o.person_role);
}

std::vector<PersonalDataHit> FindPersonalData(const std::vector<NarrativeParagraph>& paragraphs,
                                              const PersonalDataOnCase& on_case) {
  const std::vector<Subject> subjects = SubjectsOf(on_case);
  std::vector<Hit> hits;
  for (size_t i = 0; i < paragraphs.size(); ++i) {
    for (size_t s = 0; s < subjects.size(); ++s) {
      AddHitsIn(hits, i, paragraphs[i].text, s, subjects[s]);
    }
  }
  std::sort(hits.begin(), hits.end(), [](const Hit& a, const Hit& b) {
    return std::tie(a.paragraph, a.span.start, a.kind, a.subject) <
           std::tie(b.paragraph, b.span.start, b.kind, b.subject);
  });

  std::vector<PersonalDataHit> out;
  std::map<std::tuple<size_t, size_t, std::string, std::string>, size_t> reported;
  for (const Hit& hit : hits) {
    const std::string& role = subjects[hit.subject].role;
    const int length = ClampedInt(hit.span.end - hit.span.start);
    auto [at, inserted] =
        reported.try_emplace({hit.paragraph, hit.span.start, hit.kind, role}, out.size());
    if (!inserted) {
      out[at->second].length = std::max(out[at->second].length, length);
      continue;
    }
    out.push_back(
        {paragraphs[hit.paragraph].field, ClampedInt(hit.span.start), hit.kind, role, length});
  }
  return out;
}

std::vector<PersonalDataHit> FindPersonalData(const std::vector<NarrativeParagraph>& paragraphs,
                                              const std::vector<PersonOnCase>& people) {
  return FindPersonalData(paragraphs, PersonalDataOnCase{people, "", {}});
}

}  // namespace redress::remedy
