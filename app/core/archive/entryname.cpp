// SPDX-License-Identifier: GPL-3.0-or-later
#include "archive/entryname.h"

#include <QStringDecoder>

namespace capaudit {

namespace {

bool isControl(char16_t c)
{
    return c < 0x20 || c == 0x7f;
}

Error nameError(QByteArrayView raw, const QString& reason)
{
    Error error(reason);
    error.field = displayName(raw);
    return error;
}

QString quoted(QByteArrayView raw)
{
    return QLatin1Char('\'') + displayName(raw) + QLatin1Char('\'');
}

} // namespace

QString displayName(QByteArrayView raw)
{
    const QString decoded = QString::fromUtf8(raw.first(std::min(raw.size(), kMaxEntryNameBytes)));
    QString out;
    out.reserve(decoded.size());
    for (const QChar c : decoded) {
        if (isControl(c.unicode()))
            out += QStringLiteral("\\x%1").arg(c.unicode(), 2, 16, QLatin1Char('0'));
        else
            out += c;
    }
    if (raw.size() > kMaxEntryNameBytes)
        out += QStringLiteral("...");
    return out;
}

Result<QString> normaliseEntryName(QByteArrayView raw, bool isDirectory)
{
    if (raw.size() > kMaxEntryNameBytes)
        return nameError(raw, QStringLiteral("entry name is longer than %1 bytes").arg(kMaxEntryNameBytes));
    if (raw.contains('\0'))
        return nameError(raw, QStringLiteral("entry %1 contains a NUL byte").arg(quoted(raw)));

    QStringDecoder decoder(QStringDecoder::Utf8, QStringConverter::Flag::Stateless);
    QString name = decoder(raw);
    if (decoder.hasError())
        return nameError(raw, QStringLiteral("entry %1 is not valid UTF-8").arg(quoted(raw)));
    for (const QChar c : std::as_const(name)) {
        if (isControl(c.unicode()))
            return nameError(raw, QStringLiteral("entry %1 contains control characters").arg(quoted(raw)));
    }
    // Windows tools treat '\' as a separator, so "a\..\..\x" would escape there even though it is one name here.
    if (name.contains(QLatin1Char('\\')))
        return nameError(raw, QStringLiteral("entry %1 contains a backslash").arg(quoted(raw)));
    const bool driveLetter = name.size() >= 2 && name.at(1) == QLatin1Char(':')
        && ((name.at(0) >= QLatin1Char('a') && name.at(0) <= QLatin1Char('z'))
            || (name.at(0) >= QLatin1Char('A') && name.at(0) <= QLatin1Char('Z')));
    if (name.startsWith(QLatin1Char('/')) || driveLetter)
        return nameError(raw, QStringLiteral("entry %1 is an absolute path").arg(quoted(raw)));

    // "tar -C dir -cf x.tar ." writes "./data/x" and "./": accept that one conventional prefix.
    while (name.startsWith(QLatin1String("./")))
        name.remove(0, 2);
    if (isDirectory && name.endsWith(QLatin1Char('/')))
        name.chop(1);
    if (name.isEmpty() || (isDirectory && name == QLatin1String(".")))
        return isDirectory
            ? Result<QString>(QString())
            : Result<QString>(nameError(raw, QStringLiteral("entry %1 has an empty name").arg(quoted(raw))));

    const QStringList components = name.split(QLatin1Char('/'));
    for (const QString& component : components) {
        if (component == QLatin1String(".."))
            return nameError(raw, QStringLiteral("entry %1 escapes the bundle root").arg(quoted(raw)));
    }
    for (const QString& component : components) {
        if (component.isEmpty() || component == QLatin1String("."))
            return nameError(raw, QStringLiteral("entry %1 has an empty or '.' path component").arg(quoted(raw)));
    }
    return name;
}

QString EntryIndex::key(const QString& path)
{
    return path.normalized(QString::NormalizationForm_C).toCaseFolded();
}

Status EntryIndex::addParents(const QString& path)
{
    qsizetype slash = path.indexOf(QLatin1Char('/'));
    while (slash > 0) {
        const QString parent = path.left(slash);
        const auto it = m_known.constFind(key(parent));
        if (it == m_known.constEnd()) {
            m_known.insert(key(parent), Known { Kind::Directory, parent });
        } else if (it->kind == Kind::File) {
            Error error(QStringLiteral("entry '%1' would put a file inside file '%2'").arg(path, it->name));
            error.field = path;
            return error;
        } else if (it->name != parent) {
            Error error(QStringLiteral("entry '%1' differs from '%2' only in letter case or Unicode normalisation")
                            .arg(path, it->name + path.mid(slash)));
            error.field = path;
            return error;
        }
        slash = path.indexOf(QLatin1Char('/'), slash + 1);
    }
    return Status::success();
}

Status EntryIndex::addFile(const QString& path)
{
    if (Status parents = addParents(path); !parents)
        return parents;
    const auto it = m_known.constFind(key(path));
    if (it != m_known.constEnd()) {
        QString reason;
        if (it->kind == Kind::Directory)
            reason = QStringLiteral("entry '%1' is both a file and a directory").arg(path);
        else if (it->name == path)
            reason = QStringLiteral("duplicate entry '%1'").arg(path);
        else
            reason = QStringLiteral("entry '%1' differs from '%2' only in letter case or Unicode normalisation")
                         .arg(path, it->name);
        Error error(reason);
        error.field = path;
        return error;
    }
    m_known.insert(key(path), Known { Kind::File, path });
    return Status::success();
}

Status EntryIndex::addDirectory(const QString& path)
{
    if (path.isEmpty())
        return Status::success();
    if (Status parents = addParents(path); !parents)
        return parents;
    const auto it = m_known.constFind(key(path));
    if (it == m_known.constEnd()) {
        m_known.insert(key(path), Known { Kind::Directory, path });
        return Status::success();
    }
    QString reason;
    if (it->kind == Kind::File)
        reason = QStringLiteral("entry '%1' is both a file and a directory").arg(path);
    else if (it->name != path)
        reason = QStringLiteral("entry '%1' differs from '%2' only in letter case or Unicode normalisation")
                     .arg(path, it->name);
    else
        return Status::success(); // a directory listed twice changes nothing
    Error error(reason);
    error.field = path;
    return error;
}

} // namespace capaudit
