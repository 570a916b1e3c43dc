#include "common/trace_context.h"

#include <gtest/gtest.h>

#include <string>

namespace redress {
namespace {

constexpr char kHeader[] = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

TEST(TraceContextTest, ParsesAndFormatsTheSpecificationsExample) {
  std::optional<TraceContext> context = ParseTraceparent(kHeader);
  ASSERT_TRUE(context.has_value());
  EXPECT_EQ(context->trace_id, "4bf92f3577b34da6a3ce929d0e0e4736");
  EXPECT_EQ(context->span_id, "00f067aa0ba902b7");
  EXPECT_EQ(context->flags, "01");
  EXPECT_EQ(context->Traceparent(), kHeader);
}

TEST(TraceContextTest, RefusesMalformedHeaders) {
  for (const std::string bad : {
           "",
           "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7",       // no flags
           "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01",    // upper case
           "00-00000000000000000000000000000000-00f067aa0ba902b7-01",    // zero trace id
           "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01",    // zero span id
           "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",    // forbidden version
           "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-x",  // 00 has no more
           "00_4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",    // separator
           "00-4bf92f3577b34da6a3ce929d0e0e473g-00f067aa0ba902b7-01",    // not hex
       }) {
    EXPECT_FALSE(ParseTraceparent(bad).has_value()) << bad;
  }
  // A later version is read by its first fields, extra fields ignored.
  EXPECT_TRUE(ParseTraceparent("01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-later")
                  .has_value());
}

TEST(TraceContextTest, ChildSpansKeepTheTraceAndNewTracesDiffer) {
  const TraceContext parent = *ParseTraceparent(kHeader);
  const TraceContext child = ChildSpan(parent);
  EXPECT_EQ(child.trace_id, parent.trace_id);
  EXPECT_NE(child.span_id, parent.span_id);
  EXPECT_TRUE(ParseTraceparent(child.Traceparent()).has_value());
  const TraceContext a = NewTrace(), b = NewTrace();
  EXPECT_NE(a.trace_id, b.trace_id);
  EXPECT_TRUE(ParseTraceparent(a.Traceparent()).has_value());
  EXPECT_EQ(ContinueOrStartTrace(kHeader).trace_id, parent.trace_id);
  EXPECT_NE(ContinueOrStartTrace("garbage").trace_id, parent.trace_id);
}

TEST(TraceContextTest, ScopesNestAndRestore) {
  EXPECT_EQ(CurrentTrace(), nullptr);
  EXPECT_EQ(CurrentTraceparent(), "");
  {
    const ScopedTrace outer(*ParseTraceparent(kHeader));
    EXPECT_EQ(CurrentTraceparent(), kHeader);
    {
      const ScopedTrace inner(NewTrace());
      EXPECT_NE(CurrentTraceparent(), kHeader);
    }
    EXPECT_EQ(CurrentTraceparent(), kHeader);
  }
  EXPECT_EQ(CurrentTrace(), nullptr);
}

}  // namespace
}  // namespace redress
