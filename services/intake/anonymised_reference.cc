#include "services/intake/anonymised_reference.h"

#include <algorithm>
#include <cstddef>
#include <optional>
#include <set>
#include <utility>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "services/intake/latin_letters.h"

namespace redress::intake {
namespace {

constexpr int kLetters = 26;

// The code point at the start of `text` and its length in bytes; a malformed sequence is one byte
// standing for U+FFFD, which is not a letter.
std::pair<char32_t, size_t> DecodeFirst(absl::string_view text) {
  const auto byte = [&](size_t i) { return static_cast<unsigned char>(text[i]); };
  const unsigned char lead = byte(0);
  if (lead < 0x80) return {lead, 1};
  size_t length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 0;
  if (length == 0 || length > text.size()) return {0xFFFD, 1};
  char32_t code_point = lead & (0x7F >> length);
  for (size_t i = 1; i < length; ++i) {
    if ((byte(i) & 0xC0) != 0x80) return {0xFFFD, 1};
    code_point = (code_point << 6) | (byte(i) & 0x3F);
  }
  return {code_point, length};
}

// The base letter of the first code point of `word` ("Ó" -> 'O'); 0 when it is not a Latin letter.
char LeadingLetter(absl::string_view word) {
  return word.empty() ? 0 : LatinBaseLetter(DecodeFirst(word).first);
}

// The first Latin letter anywhere in `text`, or 0.
char FirstLetterAnywhere(absl::string_view text) {
  while (!text.empty()) {
    auto [code_point, length] = DecodeFirst(text);
    if (char letter = LatinBaseLetter(code_point)) return letter;
    text.remove_prefix(length);
  }
  return 0;
}

std::string TitleOf(const PersonalDetails& details) {
  absl::string_view title = absl::StripAsciiWhitespace(details.title);
  return title.empty() ? std::string(kDefaultTitle) : std::string(title);
}

// The letter a person's reference starts from: their initial, or A.
char FirstChoice(const PersonalDetails& details) {
  std::string initial = InitialOf(details.family_name);
  return initial.empty() ? 'A' : initial.front();
}

// "a" -> "a"; "a, b" -> "a and b"; "a, b, c" -> "a, b and c".
std::string JoinNaturally(const std::vector<std::string>& parts) {
  if (parts.size() <= 1) return parts.empty() ? "" : parts.front();
  std::vector<std::string> head(parts.begin(), parts.end() - 1);
  return absl::StrCat(absl::StrJoin(head, ", "), " and ", parts.back());
}

// The references already in use on the complaint, compared ignoring ASCII case and surrounding
// white space.
class TakenReferences {
 public:
  // Records `reference`; false (and nothing recorded) when it is already taken.
  bool Take(absl::string_view reference) { return taken_.insert(Key(reference)).second; }

 private:
  static std::string Key(absl::string_view reference) {
    return absl::AsciiStrToLower(absl::StripAsciiWhitespace(reference));
  }
  std::set<std::string> taken_;
};

// A letter reference: a title and its capital letter.
struct LetterReference {
  std::string title;
  char letter = 'A';

  std::string Text() const { return absl::StrCat(title, " ", std::string(1, letter)); }
};

// Rule 3 of the header: the first choice, or the next free letter after it for the title.
LetterReference TakeLetter(TakenReferences& taken, const PersonalDetails& details) {
  LetterReference reference{TitleOf(details), FirstChoice(details)};
  const char first = reference.letter;
  for (int step = 0; step < kLetters; ++step) {
    reference.letter = static_cast<char>('A' + (first - 'A' + step) % kLetters);
    if (taken.Take(reference.Text())) return reference;
  }
  // Every letter is taken for this title: more people than a complaint holds. Keep the first.
  reference.letter = first;
  return reference;
}

// One entry of the complainants' reference: an override as written, or the titles sharing a
// letter.
struct ReferenceGroup {
  std::string override_text;
  char letter = 0;
  std::vector<std::string> titles;
};

// Rule 4: each complainant's override, or their letter reference (letters[i] for people[i]),
// grouped by letter.
std::string ComplainantsReference(const std::vector<Person>& people,
                                  const std::vector<std::optional<LetterReference>>& letters) {
  std::vector<ReferenceGroup> groups;
  for (size_t i = 0; i < people.size(); ++i) {
    if (people[i].role != PersonRole::kComplainant) continue;
    if (!letters[i].has_value()) {
      groups.push_back({people[i].anonymised_reference_override, 0, {}});
      continue;
    }
    auto same_letter = [&](const ReferenceGroup& g) {
      return g.override_text.empty() && g.letter == letters[i]->letter;
    };
    auto it = std::find_if(groups.begin(), groups.end(), same_letter);
    if (it == groups.end()) it = groups.insert(groups.end(), {"", letters[i]->letter, {}});
    it->titles.push_back(letters[i]->title);
  }
  std::vector<std::string> parts;
  for (const ReferenceGroup& group : groups) {
    parts.push_back(group.override_text.empty() ? absl::StrCat(JoinNaturally(group.titles), " ",
                                                               std::string(1, group.letter))
                                                : group.override_text);
  }
  return JoinNaturally(parts);
}

// Rule 1: the overrides, taken before anything is derived.
TakenReferences OverridesTaken(const std::vector<Person>& people) {
  TakenReferences taken;
  for (const Person& person : people) {
    if (!person.anonymised_reference_override.empty()) {
      taken.Take(person.anonymised_reference_override);
    }
  }
  return taken;
}

// Rule 2's first condition: the people (by index) who are named through the complainants, each
// the first with their relationship.
std::vector<bool> NamedByRelationship(const Complaint& complaint) {
  const bool has_complainants =
      !complaint.complainants_reference_override.empty() ||
      std::any_of(complaint.people.begin(), complaint.people.end(),
                  [](const Person& p) { return p.role == PersonRole::kComplainant; });
  std::vector<bool> by_relationship(complaint.people.size(), false);
  std::set<std::string> relationships;
  for (size_t i = 0; i < complaint.people.size(); ++i) {
    const Person& person = complaint.people[i];
    absl::string_view relationship = absl::StripAsciiWhitespace(person.relationship);
    if (!person.anonymised_reference_override.empty() || person.role == PersonRole::kComplainant ||
        relationship.empty() || !has_complainants) {
      continue;
    }
    by_relationship[i] = relationships.insert(absl::AsciiStrToLower(relationship)).second;
  }
  return by_relationship;
}

}  // namespace

std::string InitialOf(std::string_view family_name) {
  // Our Abseil has its own string_view type.
  absl::string_view name(family_name.data(), family_name.size());
  for (absl::string_view word : absl::StrSplit(name, absl::ByAnyChar(" \t\n\v\f\r"))) {
    if (char letter = LeadingLetter(word)) return std::string(1, letter);
  }
  char letter = FirstLetterAnywhere(name);
  return letter == 0 ? "" : std::string(1, letter);
}

std::string PersonReference(const PersonalDetails& details) {
  return LetterReference{TitleOf(details), FirstChoice(details)}.Text();
}

void DeriveReferences(Complaint& complaint) {
  std::vector<Person>& people = complaint.people;
  TakenReferences taken = OverridesTaken(people);
  const std::vector<bool> by_relationship = NamedByRelationship(complaint);
  std::vector<std::optional<LetterReference>> letters(people.size());
  for (size_t i = 0; i < people.size(); ++i) {
    if (people[i].anonymised_reference_override.empty() && !by_relationship[i]) {
      letters[i] = TakeLetter(taken, people[i].details);
    }
  }
  complaint.complainants_reference = complaint.complainants_reference_override.empty()
                                         ? ComplainantsReference(people, letters)
                                         : complaint.complainants_reference_override;
  for (size_t i = 0; i < people.size(); ++i) {
    Person& person = people[i];
    if (!person.anonymised_reference_override.empty()) {
      person.anonymised_reference = person.anonymised_reference_override;
      continue;
    }
    if (by_relationship[i]) {
      std::string reference = absl::StrCat(complaint.complainants_reference, "'s ",
                                           absl::StripAsciiWhitespace(person.relationship));
      if (taken.Take(reference)) {
        person.anonymised_reference = std::move(reference);
        continue;
      }
      letters[i] = TakeLetter(taken, person.details);  // an override took it (rule 2)
    }
    person.anonymised_reference = letters[i]->Text();
  }
}

}  // namespace redress::intake
