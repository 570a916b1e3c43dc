#include "common/trace_context.h"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <thread>
#include <vector>

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

TEST(TraceContextTest, IdsAreUniformHexAndDifferAcrossThreads) {
  // Every thread draws from a generator of its own, seeded apart from the others'.
  constexpr int kThreads = 8, kPerThread = 200;
  std::vector<std::vector<TraceContext>> drawn(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&drawn, t] {
      for (int i = 0; i < kPerThread; ++i) drawn[t].push_back(NewTrace());
    });
  }
  for (std::thread& thread : threads) thread.join();
  std::set<std::string> trace_ids, span_ids;
  std::vector<std::set<char>> digits_at(32);
  for (const std::vector<TraceContext>& contexts : drawn) {
    for (const TraceContext& context : contexts) {
      ASSERT_TRUE(ParseTraceparent(context.Traceparent()).has_value()) << context.Traceparent();
      trace_ids.insert(context.trace_id);
      span_ids.insert(context.span_id);
      for (int i = 0; i < 32; ++i) digits_at[i].insert(context.trace_id[i]);
      EXPECT_NE(context.span_id.find_first_not_of(context.span_id[0]), std::string::npos)
          << "one digit repeated: " << context.span_id;
    }
  }
  EXPECT_EQ(trace_ids.size(), size_t{kThreads * kPerThread});
  EXPECT_EQ(span_ids.size(), size_t{kThreads * kPerThread});
  for (int i = 0; i < 32; ++i) EXPECT_EQ(digits_at[i].size(), 16u) << "position " << i;
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
