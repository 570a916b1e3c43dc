// An anonymisation issue: a guard hit with the identity a caseworker's acknowledgement is
// recorded against, and the acknowledgement if there is one. The identity survives edits
// elsewhere in the narrative but not a change to the flagged text, and holds no personal data:
// a keyed hash of the matched text, never the text.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/time/time.h"
#include "services/remedy/anonymisation_guard.h"

namespace redress::remedy {

// A caseworker's acceptance of one anonymisation issue for publication, with their reason.
struct IssueAcknowledgement {
  std::string investigation_id;
  std::string issue_id;
  // What the issue was, for the record (not personal data): its field, kind and role.
  std::string field;
  std::string kind;
  std::string person_role;
  std::string reason;
  std::string caseworker;  // who acknowledged it
  absl::Time acknowledge_time = absl::InfinitePast();
  bool operator==(const IssueAcknowledgement&) const;
};

struct AnonymisationIssue {
  PersonalDataHit hit;
  std::string issue_id;
  std::optional<IssueAcknowledgement> acknowledgement;  // unset while not acknowledged
};

// The length in bytes of a secret key for IdentifyIssues.
inline constexpr size_t kIssueKeyBytes = 32;

// `hits` (found in `paragraphs`) as issues, in the same order, each with its identity: 32
// lower-case hex digits, the first 128 bits of HMAC-SHA256 under `key` of the hit's field,
// kind, role, the bytes it matched as written, and how many hits of the same field, kind, role
// and bytes come before it. So an edit elsewhere (another paragraph, or elsewhere in the same
// one) keeps an issue's identity, and a change to the matched text (even of its case) gives a
// new one; the paragraph's position is part of its field, so moving it gives a new one too.
// Without the key the identity says nothing about the text. REQUIRES: `key` is not empty; every
// hit's field is a paragraph of `paragraphs` and its span lies within it.
std::vector<AnonymisationIssue> IdentifyIssues(const std::vector<NarrativeParagraph>& paragraphs,
                                               const std::vector<PersonalDataHit>& hits,
                                               std::string_view key);

// Sets the acknowledgement of each issue of `issues` that `acknowledgements` holds (by
// issue_id).
void MarkAcknowledged(std::vector<AnonymisationIssue>& issues,
                      const std::vector<IssueAcknowledgement>& acknowledgements);

}  // namespace redress::remedy
