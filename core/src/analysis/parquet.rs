//! `flatten --format parquet`: each table as a Parquet file with typed columns, for DuckDB,
//! Spark, Power BI, pandas or polars to read without guessing: integers as `INT64`,
//! booleans as `BOOLEAN`, dates as `DATE`, timestamps as `TIMESTAMP` (microseconds, UTC),
//! everything else as `STRING`; every column optional, absent values null. Rows are written
//! in row groups of [`ROW_GROUP`], so memory stays bounded whatever the input.

use super::flatten::{FlatValue, Kind, TableSpec};
use parquet::basic::{LogicalType, Repetition, TimeUnit, Type as Physical};
use parquet::column::writer::ColumnWriter;
use parquet::data_type::ByteArray;
use parquet::errors::ParquetError;
use parquet::file::properties::WriterProperties;
use parquet::file::writer::SerializedFileWriter;
use parquet::schema::types::Type;
use std::fs::File;
use std::io;
use std::sync::Arc;

/// Rows per row group.
pub const ROW_GROUP: usize = 65_536;

/// One table being written as Parquet.
pub struct ParquetTable {
    spec: &'static TableSpec,
    writer: SerializedFileWriter<File>,
    rows: Vec<Vec<FlatValue>>,
}

fn io_error(error: ParquetError) -> io::Error {
    io::Error::other(error)
}

/// The Parquet schema of a table.
fn schema(spec: &TableSpec) -> Result<Type, ParquetError> {
    let fields = spec
        .columns
        .iter()
        .map(|column| {
            let (physical, logical) = match column.kind {
                Kind::Integer => (Physical::INT64, None),
                Kind::Boolean => (Physical::BOOLEAN, None),
                Kind::Date => (Physical::INT32, Some(LogicalType::Date)),
                Kind::Timestamp => (
                    Physical::INT64,
                    Some(LogicalType::Timestamp {
                        is_adjusted_to_u_t_c: true,
                        unit: TimeUnit::MICROS,
                    }),
                ),
                Kind::Text | Kind::Words | Kind::Code | Kind::Id => {
                    (Physical::BYTE_ARRAY, Some(LogicalType::String))
                }
            };
            Type::primitive_type_builder(column.name, physical)
                .with_repetition(Repetition::OPTIONAL)
                .with_logical_type(logical)
                .build()
                .map(Arc::new)
        })
        .collect::<Result<Vec<_>, _>>()?;
    Type::group_type_builder(spec.name)
        .with_fields(fields)
        .build()
}

/// The text of a value, when it has one.
fn text(value: &FlatValue) -> Option<&str> {
    match value {
        FlatValue::Text(text) => Some(text),
        _ => None,
    }
}

/// A `YYYY-MM-DD` date as days since 1970-01-01.
fn days(value: &FlatValue) -> Option<i32> {
    let date = crate::record::read_date(text(value)?)?;
    Some(date.to_julian_day() - 2_440_588)
}

/// An RFC 3339 time as microseconds since 1970, UTC.
fn micros(value: &FlatValue) -> Option<i64> {
    let at = crate::record::read_timestamp(text(value)?)?;
    i64::try_from(at.unix_timestamp_nanos() / 1_000).ok()
}

/// The values present, and the definition level of every row (1 present, 0 null).
fn present<T>(values: Vec<Option<T>>) -> (Vec<T>, Vec<i16>) {
    let levels = values
        .iter()
        .map(|value| i16::from(value.is_some()))
        .collect();
    (values.into_iter().flatten().collect(), levels)
}

impl ParquetTable {
    /// Starts the table in `file`.
    pub fn create(file: File, spec: &'static TableSpec) -> io::Result<ParquetTable> {
        let schema = Arc::new(schema(spec).map_err(io_error)?);
        let properties = Arc::new(WriterProperties::builder().build());
        let writer = SerializedFileWriter::new(file, schema, properties).map_err(io_error)?;
        Ok(ParquetTable {
            spec,
            writer,
            rows: Vec::new(),
        })
    }

    /// Adds rows, writing a row group whenever [`ROW_GROUP`] are waiting.
    pub fn push(&mut self, rows: &[Vec<FlatValue>]) -> io::Result<()> {
        self.rows.extend_from_slice(rows);
        if self.rows.len() >= ROW_GROUP {
            self.flush()?;
        }
        Ok(())
    }

    /// Writes the waiting rows as one row group.
    fn flush(&mut self) -> io::Result<()> {
        if self.rows.is_empty() {
            return Ok(());
        }
        let rows = std::mem::take(&mut self.rows);
        let mut group = self.writer.next_row_group().map_err(io_error)?;
        let mut index = 0;
        while let Some(mut column) = group.next_column().map_err(io_error)? {
            let kind = self.spec.columns[index].kind;
            let values = rows.iter().map(|row| &row[index]);
            let written = match (column.untyped(), kind) {
                (ColumnWriter::Int64ColumnWriter(writer), Kind::Timestamp) => {
                    let (data, levels) = present(values.map(micros).collect());
                    writer.write_batch(&data, Some(&levels), None)
                }
                (ColumnWriter::Int64ColumnWriter(writer), _) => {
                    let (data, levels) = present(
                        values
                            .map(|value| match value {
                                FlatValue::Integer(number) => Some(*number),
                                _ => None,
                            })
                            .collect(),
                    );
                    writer.write_batch(&data, Some(&levels), None)
                }
                (ColumnWriter::Int32ColumnWriter(writer), _) => {
                    let (data, levels) = present(values.map(days).collect());
                    writer.write_batch(&data, Some(&levels), None)
                }
                (ColumnWriter::BoolColumnWriter(writer), _) => {
                    let (data, levels) = present(
                        values
                            .map(|value| match value {
                                FlatValue::Boolean(flag) => Some(*flag),
                                _ => None,
                            })
                            .collect(),
                    );
                    writer.write_batch(&data, Some(&levels), None)
                }
                (ColumnWriter::ByteArrayColumnWriter(writer), _) => {
                    let (data, levels) = present(
                        values
                            .map(|value| match value {
                                FlatValue::Null => None,
                                FlatValue::Text(text) => {
                                    Some(ByteArray::from(text.as_bytes().to_vec()))
                                }
                                FlatValue::Integer(number) => {
                                    Some(ByteArray::from(number.to_string().into_bytes()))
                                }
                                FlatValue::Boolean(flag) => {
                                    Some(ByteArray::from(flag.to_string().into_bytes()))
                                }
                            })
                            .collect(),
                    );
                    writer.write_batch(&data, Some(&levels), None)
                }
                _ => Err(ParquetError::General(format!(
                    "no writer for column {}",
                    self.spec.columns[index].name
                ))),
            };
            written.map_err(io_error)?;
            column.close().map_err(io_error)?;
            index += 1;
        }
        group.close().map_err(io_error)?;
        Ok(())
    }

    /// Writes the last row group and the footer, and gives the file back to be synced.
    pub fn finish(mut self) -> io::Result<File> {
        self.flush()?;
        self.writer.into_inner().map_err(io_error)
    }
}
