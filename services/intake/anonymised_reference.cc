#include "services/intake/anonymised_reference.h"

#include <algorithm>
#include <cstddef>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace redress::intake {
namespace {

// Byte length of the UTF-8 sequence starting with `lead`; 1 for a stray byte.
size_t SequenceLength(unsigned char lead) {
  if (lead >= 0xF0 && lead <= 0xF7) return 4;
  if (lead >= 0xE0) return lead <= 0xEF ? 3 : 1;
  if (lead >= 0xC0) return 2;
  return 1;
}

// "a" -> "a"; "a, b" -> "a and b"; "a, b, c" -> "a, b and c".
std::string JoinNaturally(const std::vector<std::string>& parts) {
  if (parts.size() <= 1) return parts.empty() ? "" : parts.front();
  std::vector<std::string> head(parts.begin(), parts.end() - 1);
  return absl::StrCat(absl::StrJoin(head, ", "), " and ", parts.back());
}

std::string TitleOf(const PersonalDetails& details) {
  absl::string_view title = absl::StripAsciiWhitespace(details.title);
  return title.empty() ? std::string(kDefaultTitle) : std::string(title);
}

// One entry of the complainants' reference: an override as written, or titles sharing an initial.
struct ReferenceGroup {
  std::string override_text;
  std::string initial;
  std::vector<std::string> titles;
};

std::string GroupText(const ReferenceGroup& group) {
  if (!group.override_text.empty()) return group.override_text;
  std::string titles = JoinNaturally(group.titles);
  return group.initial.empty() ? titles : absl::StrCat(titles, " ", group.initial);
}

}  // namespace

std::string InitialOf(std::string_view family_name) {
  // Our Abseil has its own string_view type.
  absl::string_view name =
      absl::StripLeadingAsciiWhitespace(absl::string_view(family_name.data(), family_name.size()));
  if (name.empty()) return "";
  size_t length = std::min(SequenceLength(static_cast<unsigned char>(name.front())), name.size());
  if (length == 1) return std::string(1, absl::ascii_toupper(name.front()));
  return std::string(name.substr(0, length));
}

std::string PersonReference(const PersonalDetails& details) {
  std::string initial = InitialOf(details.family_name);
  std::string title = TitleOf(details);
  return initial.empty() ? title : absl::StrCat(title, " ", initial);
}

std::string DeriveComplainantsReference(const std::vector<const Person*>& complainants) {
  std::vector<ReferenceGroup> groups;
  for (const Person* person : complainants) {
    if (!person->anonymised_reference_override.empty()) {
      groups.push_back({person->anonymised_reference_override, "", {}});
      continue;
    }
    std::string initial = InitialOf(person->details.family_name);
    auto same_initial = [&](const ReferenceGroup& g) {
      return g.override_text.empty() && g.initial == initial;
    };
    auto it = std::find_if(groups.begin(), groups.end(), same_initial);
    if (it == groups.end()) it = groups.insert(groups.end(), {"", initial, {}});
    it->titles.push_back(TitleOf(person->details));
  }
  std::vector<std::string> parts;
  for (const ReferenceGroup& group : groups) parts.push_back(GroupText(group));
  return JoinNaturally(parts);
}

void DeriveReferences(Complaint& complaint) {
  std::vector<const Person*> complainants;
  for (const Person& person : complaint.people) {
    if (person.role == PersonRole::kComplainant) complainants.push_back(&person);
  }
  complaint.complainants_reference = complaint.complainants_reference_override.empty()
                                         ? DeriveComplainantsReference(complainants)
                                         : complaint.complainants_reference_override;
  for (Person& person : complaint.people) {
    absl::string_view relationship = absl::StripAsciiWhitespace(person.relationship);
    if (!person.anonymised_reference_override.empty()) {
      person.anonymised_reference = person.anonymised_reference_override;
    } else if (person.role == PersonRole::kOther && !relationship.empty() &&
               !complaint.complainants_reference.empty()) {
      person.anonymised_reference =
          absl::StrCat(complaint.complainants_reference, "'s ", relationship);
    } else {
      person.anonymised_reference = PersonReference(person.details);
    }
  }
}

}  // namespace redress::intake
