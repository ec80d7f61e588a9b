#include "solver/record_stream.h"

#include <stdexcept>

namespace mgrelax
{
  RecordStream::RecordStream(std::string csv, std::string columns)
      : csv_(std::move(csv))
      , columns_(std::move(columns))
  {}

  RecordStream::~RecordStream()
  {
    if (file_ && !failed_)
      try
        {
          commit();
        }
      catch (...)
        {
          // The AtomicFile removes its temporary file.
        }
  }

  void
  RecordStream::write_last(const material::RecordTable &records)
  {
    if (!records.empty())
      write_from(records, records.size() - 1);
  }

  void
  RecordStream::write_from(const material::RecordTable &records,
                           const std::size_t            first)
  {
    if (csv_.empty() || records.size() <= first)
      return;
    if (!file_)
      {
        AtomicFile columns(columns_);
        records.write_column_documentation(columns.stream());
        columns.commit();
        file_ = std::make_unique<AtomicFile>(csv_);
        records.write_csv_header(file_->stream());
      }
    for (std::size_t r = first; r < records.size(); ++r)
      records.write_csv_row(file_->stream(), r);
    file_->stream().flush();
    if (!file_->stream())
      {
        failed_ = true;
        file_.reset();
        throw std::runtime_error("cannot write '" + csv_ +
                                 ".part' (is the disk full?); it was removed");
      }
  }

  void
  RecordStream::commit()
  {
    if (file_)
      file_->commit();
    file_.reset();
  }
} // namespace mgrelax
