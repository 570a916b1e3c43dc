#include "common/proto_time.h"

#include <cstdint>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace redress {
namespace {

namespace common_v1 = ::redress::common::v1;

constexpr int kMinYear = 1900;
constexpr int kMaxYear = 9999;

}  // namespace

bool IsUnsetDate(const common_v1::Date& date) {
  return date.year() == 0 && date.month() == 0 && date.day() == 0;
}

std::optional<absl::CivilDay> DateFromProto(const common_v1::Date& date, const std::string& field,
                                            FieldViolations& violations) {
  if (IsUnsetDate(date)) return std::nullopt;
  const int year = date.year(), month = date.month(), day = date.day();
  const std::string shown = absl::StrFormat("%04d-%02d-%02d", year, month, day);
  if (year == 0 || month == 0 || day == 0) {
    violations.Add(
        field, absl::StrCat("incomplete date ", shown, ": year, month and day are all required"));
    return std::nullopt;
  }
  const absl::CivilDay civil(year, month, day);
  if (month < 1 || month > 12 || day < 1 || day > 31 || civil.year() != year ||
      civil.month() != month || civil.day() != day) {
    violations.Add(field, absl::StrCat("not a calendar date: ", shown));
    return std::nullopt;
  }
  if (year < kMinYear || year > kMaxYear) {
    violations.Add(field,
                   absl::StrCat("year must be from ", kMinYear, " to ", kMaxYear, ": ", shown));
    return std::nullopt;
  }
  return civil;
}

common_v1::Date DateToProto(absl::CivilDay day) {
  common_v1::Date proto;
  proto.set_year(static_cast<int>(day.year()));
  proto.set_month(day.month());
  proto.set_day(day.day());
  return proto;
}

absl::Time TimeFromProto(const google::protobuf::Timestamp& timestamp) {
  if (timestamp.seconds() == 0 && timestamp.nanos() == 0) return absl::InfinitePast();
  return absl::FromUnixSeconds(timestamp.seconds()) + absl::Nanoseconds(timestamp.nanos());
}

google::protobuf::Timestamp TimeToProto(absl::Time time) {
  const int64_t seconds = absl::ToUnixSeconds(time);  // rounds towards the past
  google::protobuf::Timestamp proto;
  proto.set_seconds(seconds);
  proto.set_nanos(
      static_cast<int32_t>((time - absl::FromUnixSeconds(seconds)) / absl::Nanoseconds(1)));
  return proto;
}

}  // namespace redress
