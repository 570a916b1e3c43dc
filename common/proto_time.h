// Conversions between the contract's calendar dates and timestamps and the domain's absl types,
// shared by every service's proto adapter. Decoding reports problems; it never normalises.
#pragma once

#include <google/protobuf/timestamp.pb.h>

#include <optional>
#include <string>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "common/errors.h"
#include "redress/common/v1/date.pb.h"

namespace redress {

// Whether every part of `date` is zero: an optional date left unset.
bool IsUnsetDate(const redress::common::v1::Date& date);

// An all-zero Date is unset (nullopt). A Date with some parts zero, an impossible one (2026-02-30)
// or a year outside 1900..9999 adds a violation on `field` and gives nullopt.
std::optional<absl::CivilDay> DateFromProto(const redress::common::v1::Date& date,
                                            const std::string& field, FieldViolations& violations);
// Callers leave an optional Date field unset for nullopt.
redress::common::v1::Date DateToProto(absl::CivilDay day);

// An unset (all-zero) Timestamp is absl::InfinitePast(), the domain's "never".
absl::Time TimeFromProto(const google::protobuf::Timestamp& timestamp);
// REQUIRES: `time` is finite. Callers leave a Timestamp field unset for InfinitePast().
google::protobuf::Timestamp TimeToProto(absl::Time time);

}  // namespace redress
