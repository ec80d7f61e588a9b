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
    if (csv_.empty() || records.empty())
      return;
    if (!file_)
      {
        AtomicFile columns(columns_);
        records.write_column_documentation(columns.stream());
        columns.commit();
        file_ = std::make_unique<AtomicFile>(csv_);
        records.write_csv_header(file_->stream());
      }
    records.write_csv_row(file_->stream(), records.size() - 1);
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
