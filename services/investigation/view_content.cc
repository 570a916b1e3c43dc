#include "services/investigation/view_content.h"

#include <string_view>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/paging.h"

namespace redress::investigation {
namespace {

constexpr size_t kPartLength = 16;  // hex digits of one Fingerprint

// Appends `value` length-prefixed, so that no two sequences of values encode alike.
void Field(std::string& out, std::string_view value) {
  absl::StrAppend(&out, value.size(), ":", absl::string_view(value.data(), value.size()), ";");
}

void Field(std::string& out, int64_t value) { Field(out, absl::StrCat(value)); }

std::string PointsEncoding(const std::vector<ComplaintPoint>& points) {
  std::string out;
  for (const ComplaintPoint& point : points) {
    Field(out, point.point_id);
    Field(out, point.description);
    Field(out, point.finding.has_value() ? 1 : 0);
    if (!point.finding.has_value()) continue;
    const Finding& f = *point.finding;
    Field(out, f.failing ? 1 : 0);
    Field(out, f.injustice ? 1 : 0);
    Field(out, static_cast<int64_t>(f.causal_link));
    Field(out, f.reasoning);
  }
  return out;
}

std::string RecommendationsEncoding(const std::vector<Recommendation>& recommendations) {
  std::string out;
  for (const Recommendation& r : recommendations) {
    Field(out, r.recommendation_id);
    Field(out, static_cast<int64_t>(r.type));
    Field(out, static_cast<int64_t>(r.beneficiary));
    Field(out, r.description);
    Field(out, r.amount.has_value() ? 1 : 0);
    if (r.amount.has_value()) {
      Field(out, r.amount->amount_minor);
      Field(out, r.amount->currency_code);
    }
    Field(out, r.target_date.has_value() ? absl::FormatCivilTime(*r.target_date) : "");
    Field(out, r.organisation);
  }
  return out;
}

}  // namespace

std::string ViewContentFingerprint(const Investigation& investigation) {
  return absl::StrCat(Fingerprint(PointsEncoding(investigation.points)),
                      Fingerprint(RecommendationsEncoding(investigation.recommendations)));
}

std::string ViewChangesSinceShared(const Investigation& investigation) {
  if (!investigation.provisional_view.has_value()) return "";
  const std::string& shared = investigation.provisional_view->shared_content;
  if (shared.size() != 2 * kPartLength) return "";
  const std::string now = ViewContentFingerprint(investigation);
  std::vector<std::string> changed;
  if (now.compare(0, kPartLength, shared, 0, kPartLength) != 0) {
    changed.push_back("the complaint points or findings");
  }
  if (now.compare(kPartLength, kPartLength, shared, kPartLength, kPartLength) != 0) {
    changed.push_back("the recommendations");
  }
  return absl::StrJoin(changed, " and ");
}

bool IsViewOutdated(const Investigation& investigation) {
  return !ViewChangesSinceShared(investigation).empty();
}

}  // namespace redress::investigation
