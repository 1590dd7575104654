// SPDX-License-Identifier: GPL-3.0-or-later
#include "util/strictjson.h"

#include <charconv>
#include <cstring>
#include <rapidjson/error/en.h>
#include <rapidjson/memorystream.h>
#include <rapidjson/reader.h>
#include <string>
#include <unordered_set>
#include <vector>

namespace capaudit {

namespace {

// True when UTF8 holds the encoding of a UTF-16 surrogate (ED A0..BF xx): RapidJSON 1.1 rejects an unpaired high
// surrogate escape but turns a lone low one (\udc00) into such bytes, which are not UTF-8.
bool hasEncodedSurrogate(const char* utf8, rapidjson::SizeType length)
{
    for (rapidjson::SizeType i = 0; i + 1 < length; ++i)
        if (static_cast<unsigned char>(utf8[i]) == 0xED && (static_cast<unsigned char>(utf8[i + 1]) & 0xE0) == 0xA0)
            return true;
    return false;
}

// Escapes a key for a JSON pointer (RFC 6901: "~" -> "~0", "/" -> "~1").
std::string pointerToken(const std::string& key)
{
    std::string out;
    for (char c : key) {
        if (c == '~')
            out += "~0";
        else if (c == '/')
            out += "~1";
        else
            out += c;
    }
    return out;
}

// True when UTF8 starts with U+FEFF. Qt 6.4's JSON parser drops a leading U+FEFF from every key and string value
// ("\uFEFFdigest" reads as "digest"), other parsers keep it: {"digest": A, "\uFEFFdigest": B} has two distinct keys
// for them and for the duplicate check, but one key, B, for QJsonDocument. Found by fuzz_strictjson.
bool startsWithByteOrderMark(const char* utf8, rapidjson::SizeType length)
{
    return length >= 3 && std::memcmp(utf8, "\xEF\xBB\xBF", 3) == 0;
}

class StrictHandler : public rapidjson::BaseReaderHandler<rapidjson::UTF8<>, StrictHandler> {
public:
    StrictHandler(const rapidjson::MemoryStream& stream, int maxDepth)
        : m_stream(stream)
        , m_maxDepth(maxDepth)
    {
    }

    bool Default()
    {
        enterValue();
        return true;
    }
    bool String(const char* text, rapidjson::SizeType length, bool)
    {
        enterValue();
        if (hasEncodedSurrogate(text, length))
            return fail("a string holds an unpaired UTF-16 surrogate escape (not a Unicode character)");
        if (startsWithByteOrderMark(text, length))
            return fail("a string starts with U+FEFF (byte order mark), which some JSON readers drop and others keep");
        return true;
    }
    // Numbers arrive as their text (kParseNumbersAsStringsFlag): one beyond a double's range is refused here, with
    // its place, rather than read as 0 by one parser and refused by another (Qt's "illegal number"); found by
    // fuzz_strictjson with 1e-40039. std::from_chars draws the line exactly where Qt 6.4 does (subnormals in,
    // 1e-400 and 1.8e308 out).
    bool RawNumber(const char* text, rapidjson::SizeType length, bool)
    {
        enterValue();
        double value = 0;
        if (std::from_chars(text, text + length, value).ec == std::errc::result_out_of_range)
            return fail("the number " + std::string(text, std::min<rapidjson::SizeType>(length, 40))
                + (length > 40 ? "…" : "")
                + " is beyond the range of a double: one JSON reader would read it as 0 or infinity, another refuse "
                  "it");
        return true;
    }
    bool StartObject()
    {
        enterValue();
        return push(true);
    }
    bool Key(const char* text, rapidjson::SizeType length, bool)
    {
        Frame& top = m_frames.back();
        top.key.assign(text, length);
        if (hasEncodedSurrogate(text, length))
            return fail("a key holds an unpaired UTF-16 surrogate escape (not a Unicode character)");
        if (startsWithByteOrderMark(text, length))
            return fail("a key starts with U+FEFF (byte order mark), which some JSON readers drop and others keep");
        if (!top.keys.insert(top.key).second)
            return fail("duplicate key: the object already has a member of this name, and two readers could each "
                        "take a different one");
        return true;
    }
    bool EndObject(rapidjson::SizeType)
    {
        m_frames.pop_back();
        return true;
    }
    bool StartArray()
    {
        enterValue();
        return push(false);
    }
    bool EndArray(rapidjson::SizeType)
    {
        m_frames.pop_back();
        return true;
    }

    const std::string& problem() const
    {
        return m_problem;
    }
    const std::string& pointer() const
    {
        return m_pointer;
    }
    size_t offset() const
    {
        return m_offset;
    }

private:
    struct Frame {
        bool object = false;
        long index = -1; // arrays: index of the current element
        std::string key; // objects: the current member's name
        std::unordered_set<std::string> keys;
    };

    void enterValue()
    {
        if (!m_frames.empty() && !m_frames.back().object)
            ++m_frames.back().index;
    }
    bool push(bool object)
    {
        if (static_cast<int>(m_frames.size()) >= m_maxDepth)
            return fail("objects and arrays nest deeper than " + std::to_string(m_maxDepth) + " levels");
        m_frames.push_back({ object, -1, {}, {} });
        return true;
    }
    bool fail(std::string why)
    {
        m_problem = std::move(why);
        m_offset = m_stream.Tell();
        for (const Frame& f : m_frames)
            m_pointer += '/' + (f.object ? pointerToken(f.key) : std::to_string(f.index));
        return false;
    }

    const rapidjson::MemoryStream& m_stream;
    int m_maxDepth;
    std::vector<Frame> m_frames;
    std::string m_problem;
    std::string m_pointer;
    size_t m_offset = 0;
};

qint64 lineAt(QByteArrayView bytes, qsizetype offset)
{
    return bytes.first(std::min(offset, bytes.size())).count('\n') + 1;
}

} // namespace

Status checkStrictJson(QByteArrayView bytes, const QString& fileName, int maxDepth)
{
    if (const qsizetype nul = bytes.indexOf('\0'); nul >= 0)
        return Error(fileName, lineAt(bytes, nul), {},
            QStringLiteral("invalid JSON at byte offset %1: a raw NUL byte (JSON text never contains one)").arg(nul));
    rapidjson::MemoryStream stream(bytes.data(), static_cast<size_t>(bytes.size()));
    StrictHandler handler(stream, maxDepth);
    rapidjson::Reader reader;
    // NaN/Infinity stay refused (no NanAndInf); numbers come as text, so their range is checked exactly.
    constexpr unsigned kFlags = rapidjson::kParseValidateEncodingFlag | rapidjson::kParseNumbersAsStringsFlag;
    const rapidjson::ParseResult result = reader.Parse<kFlags>(stream, handler);
    if (result)
        return {};
    if (!handler.problem().empty())
        return Error(fileName, lineAt(bytes, static_cast<qsizetype>(handler.offset())),
            QString::fromStdString(handler.pointer()),
            QStringLiteral("%1 (byte offset %2)").arg(QString::fromStdString(handler.problem())).arg(handler.offset()));
    return Error(fileName, lineAt(bytes, static_cast<qsizetype>(result.Offset())), {},
        QStringLiteral("invalid JSON at byte offset %1: %2")
            .arg(result.Offset())
            .arg(QString::fromLatin1(rapidjson::GetParseError_En(result.Code()))));
}

} // namespace capaudit
