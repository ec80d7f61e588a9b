// The curve reader refuses bad files with a message naming the file, the
// line and the column.
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <stdexcept>
#include <string>

#include "postprocess/curve_csv.h"

using namespace mgrelax::postprocess;

namespace
{
  std::string
  write(const std::string &name, const std::string &text)
  {
    const std::string path = ::testing::TempDir() + name;
    std::ofstream(path) << text;
    return path;
  }

  std::string
  good_rows(const unsigned int n, const double t0 = 0.0)
  {
    std::string rows;
    for (unsigned int i = 0; i < n; ++i)
      rows +=
          std::to_string(t0 + i) + ",0.1," + std::to_string(1e-3 * i) + "\n";
    return rows;
  }

  // The error message of reading `text`, or "" if it was accepted.
  std::string
  error_of(const std::string &text, const std::string &column = "")
  {
    const std::string path = write("curve.csv", text);
    try
      {
        read_curve(path, "time", column);
      }
    catch (const std::invalid_argument &e)
      {
        EXPECT_NE(std::string(e.what()).find(path), std::string::npos);
        return e.what();
      }
    return "";
  }

  bool
  has(const std::string &text, const std::string &part)
  {
    return text.find(part) != std::string::npos;
  }
} // namespace

TEST(CurveCsv, ReadsDefaultAndNamedColumns)
{
  const std::string path =
      write("ok.csv", "time,load,eps_xx\n" + good_rows(12));
  const Curve c = read_curve(path, "time", "");
  EXPECT_EQ(c.strain_column, "eps_xx");
  ASSERT_EQ(c.time.size(), 12u);
  EXPECT_DOUBLE_EQ(c.strain[5], 5e-3);
  const Curve d = read_curve(path, "time", "load", 2.0, 20.0, 1.0);
  EXPECT_EQ(d.time.size(), 10u);
  EXPECT_DOUBLE_EQ(d.time.front(), 1.0);
}

TEST(CurveCsv, RepeatedTimeKeepsTheStateAfterTheJump)
{
  const std::string path =
      write("jump.csv",
            "time,eps_xx\n0,0\n0,1\n" +
                std::string("1,1.1\n2,1.2\n3,1.3\n"
                            "4,1.4\n5,1.5\n6,1.6\n7,1.7\n8,1.8\n9,1.9\n"));
  const Curve c = read_curve(path, "time", "");
  EXPECT_EQ(c.time.size(), 10u);
  EXPECT_EQ(c.strain.front(), 1.0);
  // A window ending at a jump keeps the state before it.
  const std::string unload =
      write("unload.csv",
            "time,eps_xx\n0,1\n1,1.1\n2,1.2\n3,1.3\n4,1.4\n5,1.5\n"
            "6,1.6\n7,1.7\n8,1.8\n9,1.9\n9,0.9\n10,0.8\n");
  const Curve d = read_curve(unload, "time", "", 0.0, 9.0);
  EXPECT_EQ(d.time.size(), 10u);
  EXPECT_EQ(d.strain.back(), 1.9);
  const Curve e = read_curve(unload, "time", "", 0.0, 10.0);
  EXPECT_EQ(e.strain[9], 0.9);
}

TEST(CurveCsv, RefusesBadFiles)
{
  const std::string header = "time,load,eps_xx\n";
  std::string       e =
      error_of(header + good_rows(5) + "5,0.1,nan\n" + good_rows(5, 6));
  EXPECT_TRUE(has(e, "line 7") && has(e, "eps_xx") && has(e, "finite")) << e;
  e = error_of(header + good_rows(5) + "3,0.1,0\n" + good_rows(5, 6));
  EXPECT_TRUE(has(e, "line 7") && has(e, "must not decrease")) << e;
  e = error_of(header + "-1,0,0\n" + good_rows(12));
  EXPECT_TRUE(has(e, "line 2") && has(e, "negative")) << e;
  e = error_of(header + good_rows(9));
  EXPECT_TRUE(has(e, "9 data rows") && has(e, "at least 10")) << e;
  e = error_of("t,eps_xx\n" + good_rows(12));
  EXPECT_TRUE(has(e, "no time column 'time'") && has(e, "--time-column")) << e;
  e = error_of(header + good_rows(12), "strain");
  EXPECT_TRUE(has(e, "no strain column 'strain'") &&
              has(e, "columns: time, load, eps_xx"))
      << e;
  e = error_of(header + good_rows(5) + "5,0.1\n" + good_rows(5, 6));
  EXPECT_TRUE(has(e, "line 7") && has(e, "missing")) << e;
  e = error_of(header + good_rows(5) + "5,0.1,abc\n" + good_rows(5, 6));
  EXPECT_TRUE(has(e, "line 7") && has(e, "not a number")) << e;
  e = error_of("");
  EXPECT_TRUE(has(e, "header")) << e;
  try
    {
      read_curve("/nonexistent/x.csv", "time", "");
      FAIL();
    }
  catch (const std::invalid_argument &err)
    {
      EXPECT_TRUE(has(err.what(), "cannot open"));
    }
}
