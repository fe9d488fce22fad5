// Words for enum values (what the CLI prints, settings and the wire keep), one table per enum.
#pragma once

#include <QLatin1String>
#include <QStringView>

#include <cstddef>
#include <optional>

namespace lanpigeon {

// One row of a table that names an enum's values. A table, unlike a switch, serves the name
// and the way back from it, so the two cannot drift apart.
template <typename Enum> struct EnumName
{
    Enum value;
    const char *name;
};

// The name of value; the first row's for a value the table lacks.
template <typename Enum, std::size_t N>
QLatin1String nameOf(const EnumName<Enum> (&table)[N], Enum value)
{
    for (const EnumName<Enum> &row : table) {
        if (row.value == value)
            return QLatin1String(row.name);
    }
    return QLatin1String(table[0].name);
}

// The value a name stands for, or nothing for a word the table does not have.
template <typename Enum, std::size_t N>
std::optional<Enum> valueOf(const EnumName<Enum> (&table)[N], QStringView name)
{
    for (const EnumName<Enum> &row : table) {
        if (name == QLatin1String(row.name))
            return row.value;
    }
    return std::nullopt;
}

} // namespace lanpigeon
