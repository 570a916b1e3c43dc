#include "services/remedy/anonymisation_issue.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <algorithm>
#include <map>
#include <string>
#include <tuple>

#include "absl/strings/escaping.h"

namespace redress::remedy {
namespace {

constexpr size_t kIdBytes = 16;

// HMAC-SHA256 of `message` under `key`, its first kIdBytes as hex.
std::string KeyedHash(std::string_view key, std::string_view message) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
       reinterpret_cast<const unsigned char*>(message.data()), message.size(), digest, &length);
  return absl::BytesToHexString(
      absl::string_view(reinterpret_cast<const char*>(digest), std::min<size_t>(length, kIdBytes)));
}

// The parts of an identity, each preceded by its length so that no two lists of parts encode
// alike.
std::string Encode(const std::vector<std::string_view>& parts) {
  std::string out;
  for (std::string_view part : parts) {
    out += std::to_string(part.size());
    out += ':';
    out.append(part);
  }
  return out;
}

}  // namespace

bool IssueAcknowledgement::operator==(const IssueAcknowledgement& o) const {
  return std::tie(investigation_id, issue_id, field, kind, person_role, reason, caseworker,
                  acknowledge_time) == std::tie(o.investigation_id, o.issue_id, o.field, o.kind,
                                                o.person_role, o.reason, o.caseworker,
                                                o.acknowledge_time);
}

std::vector<AnonymisationIssue> IdentifyIssues(const std::vector<NarrativeParagraph>& paragraphs,
                                               const std::vector<PersonalDataHit>& hits,
                                               std::string_view key) {
  std::map<std::string_view, std::string_view> text_of;
  for (const NarrativeParagraph& paragraph : paragraphs) text_of[paragraph.field] = paragraph.text;
  std::map<std::string, int> seen;  // encoded (field, kind, role, matched) -> hits so far
  std::vector<AnonymisationIssue> issues;
  for (const PersonalDataHit& hit : hits) {
    const std::string_view text = text_of[hit.field];
    const size_t offset = std::min<size_t>(static_cast<size_t>(hit.offset), text.size());
    const std::string_view matched = text.substr(offset, static_cast<size_t>(hit.length));
    const std::string what = Encode({hit.field, hit.kind, hit.person_role, matched});
    const int occurrence = seen[what]++;
    const std::string id = KeyedHash(key, Encode({what, std::to_string(occurrence)}));
    issues.push_back({hit, id, std::nullopt});
  }
  return issues;
}

void MarkAcknowledged(std::vector<AnonymisationIssue>& issues,
                      const std::vector<IssueAcknowledgement>& acknowledgements) {
  std::map<std::string_view, const IssueAcknowledgement*> by_id;
  for (const IssueAcknowledgement& a : acknowledgements) by_id[a.issue_id] = &a;
  for (AnonymisationIssue& issue : issues) {
    auto it = by_id.find(issue.issue_id);
    if (it != by_id.end()) issue.acknowledgement = *it->second;
  }
}

}  // namespace redress::remedy
