// The request-level conversions of proto_convert.h: an AssessComplaintRequest into the logic's
// AssessCommand, and an update's FieldMask into its paths and the violations it makes relevant.
#include <functional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/strings/match.h"
#include "services/intake/complaint_validation.h"
#include "services/intake/api/proto_convert.h"
#include "services/intake/api/proto_convert_internal.h"
#include "services/intake/request_checks.h"

namespace redress::intake {
namespace {

namespace v1 = ::redress::intake::v1;

using proto_convert_internal::CheckListSize;
using proto_convert_internal::Child;
using proto_convert_internal::Indexed;

// An override whose check could not be decoded keeps its place with this value, outside
// AssessmentCheck's, which ValidateAssessCommand reports as a required check.
constexpr AssessmentCheck kUndecodedCheck = static_cast<AssessmentCheck>(0);

// Whether one of `paths` is `relative` or a part of it that ends before a '.' or '[' of it
// ("people" and "people[0].details" cover "people[0].details.email"). One lookup per part, so a
// mask with a huge number of paths costs no more per violation.
bool MaskCovers(const std::set<std::string, std::less<>>& paths, std::string_view relative) {
  for (size_t end = 1; end <= relative.size(); ++end) {
    const bool part_ends = end == relative.size() || relative[end] == '.' || relative[end] == '[';
    if (part_ends && paths.find(relative.substr(0, end)) != paths.end()) return true;
  }
  return false;
}

}  // namespace

AssessCommand AssessCommandFromProto(const v1::AssessComplaintRequest& request,
                                     FieldViolations& violations) {
  AssessCommand command;
  command.name = request.name();
  command.request_id = request.request_id();
  command.assessor = request.assessor();
  if (CheckListSize(request.overrides_size(), kMaxOverrides, "overrides", "overrides",
                    violations)) {
    for (int i = 0; i < request.overrides_size(); ++i) {
      const v1::CheckOverride& proto = request.overrides(i);
      const std::string field = Indexed("overrides", i);
      auto check = AssessmentCheckFromProto(proto.check(), Child(field, "check"), violations);
      std::string organisation_id;
      if (!proto.organisation().empty()) {
        organisation_id = ParseResourceName(violations, Child(field, "organisation"),
                                            proto.organisation(), kOrganisationsCollection);
      }
      // An undecodable check keeps its entry, so later overrides keep their index.
      command.overrides.push_back(CheckOverride{check.value_or(kUndecodedCheck), proto.passed(),
                                                proto.reason(), std::move(organisation_id)});
    }
  }
  command.closure = CaseworkerClosureFromProto(request.closure(), "closure", violations);
  command.closure_note = request.closure_reason_note();
  command.assessment_date = DateFromProto(request.assessment_date(), "assessment_date", violations);
  command.etag = request.etag();
  command.validate_only = request.validate_only();
  return command;
}

RequestReviewCommand RequestReviewCommandFromProto(
    const v1::RequestAssessmentReviewRequest& request, FieldViolations& violations) {
  RequestReviewCommand command;
  command.name = request.name();
  command.request_id = request.request_id();
  command.ground = AssessmentReviewGroundFromProto(request.ground(), "ground", violations);
  command.explanation = request.explanation();
  command.request_date = DateFromProto(request.request_date(), "request_date", violations);
  command.etag = request.etag();
  return command;
}

DecideReviewCommand DecideReviewCommandFromProto(const v1::DecideAssessmentReviewRequest& request,
                                                 FieldViolations& violations) {
  DecideReviewCommand command;
  command.name = request.name();
  command.outcome = AssessmentReviewOutcomeFromProto(request.outcome(), "outcome", violations);
  command.reason = request.reason();
  command.reviewer = request.reviewer();
  command.decide_date = DateFromProto(request.decide_date(), "decide_date", violations);
  command.etag = request.etag();
  return command;
}

std::vector<std::string> MaskPaths(const google::protobuf::FieldMask& mask) {
  return std::vector<std::string>(mask.paths().begin(), mask.paths().end());
}

FieldViolations MaskedViolations(const FieldViolations& all, const std::string& field,
                                 const google::protobuf::FieldMask& mask) {
  const std::set<std::string, std::less<>> paths(mask.paths().begin(), mask.paths().end());
  FieldViolations kept;
  if (paths.count("*") > 0) {
    kept.Append(all);
    return kept;
  }
  const std::string prefix = field.empty() ? "" : field + ".";
  for (const FieldViolation& violation : all.violations()) {
    if (!absl::StartsWith(violation.field, prefix)) continue;
    if (MaskCovers(paths, std::string_view(violation.field).substr(prefix.size()))) {
      kept.Add(violation.field, violation.description);
    }
  }
  return kept;
}

}  // namespace redress::intake
