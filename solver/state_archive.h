// Named numbers and texts that a checkpoint saves exactly: each double is
// written as a hexadecimal floating-point literal (printf's %a), so what is
// read back is the same bit pattern (doc/checkpoints.md).
//
// The file is one line per key: `key<TAB>n<TAB>v1 v2 ...` for numbers and
// `key<TAB>t<TAB>text` for a text (tab, newline and backslash escaped).
#pragma once

#include <iosfwd>
#include <map>
#include <string>
#include <vector>

namespace mgrelax
{
  class StateArchive
  {
  public:
    void
    set(const std::string &key, double value);
    void
    set(const std::string &key, std::vector<double> values);
    void
    set_text(const std::string &key, std::string text);

    bool
    has(const std::string &key) const;
    // These throw std::invalid_argument naming the key if it is missing or
    // of the other kind.
    double
    number(const std::string &key) const;
    const std::vector<double> &
    numbers(const std::string &key) const;
    const std::string &
    text(const std::string &key) const;
    // The keys that start with `prefix`, in order.
    std::vector<std::string>
    keys(const std::string &prefix) const;

    void
    write(std::ostream &out) const;
    // Throws std::invalid_argument naming `file` and the line for a line
    // that is not of the format above.
    static StateArchive
    read(std::istream &in, const std::string &file);

  private:
    std::map<std::string, std::vector<double>> numbers_;
    std::map<std::string, std::string>         texts_;
  };
} // namespace mgrelax
