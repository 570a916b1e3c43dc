// RETURN_IF_ERROR and ASSIGN_OR_RETURN for absl::Status / absl::StatusOr, which our Abseil
// (20220623) does not provide.
#pragma once

#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

#define REDRESS_STATUS_CONCAT_INNER_(a, b) a##b
#define REDRESS_STATUS_CONCAT_(a, b) REDRESS_STATUS_CONCAT_INNER_(a, b)

// Evaluates `expr` (an absl::Status) and returns it from the enclosing function if not OK.
#define RETURN_IF_ERROR(expr)                          \
  do {                                                 \
    ::absl::Status redress_status_ = (expr);           \
    if (!redress_status_.ok()) return redress_status_; \
  } while (false)

// ASSIGN_OR_RETURN(lhs, expr): evaluates `expr` (an absl::StatusOr<T>); on error returns its
// status, otherwise assigns the value to `lhs`, which may be a declaration (`auto x`).
#define ASSIGN_OR_RETURN(lhs, expr) \
  REDRESS_ASSIGN_OR_RETURN_IMPL_(REDRESS_STATUS_CONCAT_(redress_statusor_, __LINE__), lhs, expr)

#define REDRESS_ASSIGN_OR_RETURN_IMPL_(statusor, lhs, expr) \
  auto statusor = (expr);                                   \
  if (!statusor.ok()) return std::move(statusor).status();  \
  lhs = *std::move(statusor)
