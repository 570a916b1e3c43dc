// Field checks shared by every service's request validation. Each adds a FieldViolation for the
// given field path and returns whether the value was valid; none stops at the first problem.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "absl/time/civil_time.h"
#include "common/errors.h"
#include "common/person.h"

namespace redress {

// Length in Unicode code points of valid UTF-8 (what users call characters).
size_t Utf8Length(std::string_view text);
bool IsValidUtf8(std::string_view text);

// Required text: non-empty after trimming ASCII white space, valid UTF-8, at most `max_chars`.
bool CheckRequiredText(FieldViolations& v, const std::string& field, std::string_view value,
                       size_t max_chars);
// Optional text: empty, or valid UTF-8 of at most `max_chars`.
bool CheckOptionalText(FieldViolations& v, const std::string& field, std::string_view value,
                       size_t max_chars);
// A client idempotency key: 1 to 64 characters of [A-Za-z0-9_-].
bool CheckRequestId(FieldViolations& v, const std::string& field, std::string_view value);
// Shapes only: local@domain, domain with a dot, no spaces, at most 254 characters.
bool IsValidEmail(std::string_view email);
// Digits, spaces, brackets, hyphens and one leading '+'; 7 to 15 digits; at most 20 characters.
bool IsValidPhone(std::string_view phone);
// A date that is present must not be after `today`.
bool CheckNotInFuture(FieldViolations& v, const std::string& field,
                      const std::optional<absl::CivilDay>& date, absl::CivilDay today);
// Every field of PersonalDetails (see protos/redress/common/v1/person.proto for the rules).
// `field` is the path of the details message; `title_required` for complainants.
void CheckPersonalDetails(FieldViolations& v, const std::string& field,
                          const PersonalDetails& details, bool title_required,
                          absl::CivilDay today);

}  // namespace redress
