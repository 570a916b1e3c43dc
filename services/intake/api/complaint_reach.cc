#include "services/intake/api/complaint_reach.h"

#include "services/intake/api/proto_convert.h"

namespace redress::intake {

absl::Status CheckReaches(const CallerReach& reach, const Complaint& complaint) {
  return reach.CheckReaches(complaint.owner, complaint.organisation_ids, complaint.name());
}

redress::intake::v1::Complaint ComplaintForCaller(const CallerReach& reach,
                                                  const Complaint& complaint) {
  redress::intake::v1::Complaint proto = ComplaintToProto(complaint);
  if (!reach.SeesPersonalDetails(complaint.owner)) ClearPersonalDetails(proto);
  return proto;
}

void ClearPersonalDetails(redress::intake::v1::Complaint& complaint) {
  for (redress::intake::v1::Person& person : *complaint.mutable_people()) {
    person.clear_details();
  }
}

}  // namespace redress::intake
