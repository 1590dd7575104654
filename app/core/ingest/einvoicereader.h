// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Internal to the e-invoice reader (einvoicexml.cpp: tokens, nesting and limits; einvoicepaths.cpp: which element
// path means which business term).
#include "ingest/einvoice.h"

#include <QSet>
#include <QXmlStreamReader>

#include <optional>

namespace capaudit::detail {

bool isCreditNoteType(const QString& code);

struct Frame {
    QString key; // "cac:InvoiceLine"; the root is "doc"
    QString text;
    QString currencyId, unitCode, format;
    qint64 line = 0;
};

class Reader {
public:
    Reader(const QByteArray& xml, const QString& fileName, const EInvoiceLimits& limits)
        : m_xml(xml)
        , m_file(fileName)
        , m_limits(limits)
    {
    }

    Result<EInvoice> run();

private:
    Error error(const QString& reason, qint64 line = -1) const
    {
        return Error(m_file, line < 0 ? m_xml.lineNumber() : line, pathBelow(0), reason);
    }
    QString pathBelow(qsizetype depth) const
    {
        QStringList keys;
        for (qsizetype i = depth; i < m_stack.size(); ++i)
            keys.append(m_stack.at(i).key);
        return keys.join(QLatin1Char('/'));
    }
    void start();
    void end();
    void root();
    void document(const QString& rel, const Frame& f);
    void lineValue(const QString& rel, const Frame& f);
    void allowanceValue(const QString& rel, const Frame& f);
    void subtotalValue(const QString& rel, const Frame& f);
    void party(InvoiceParty& p, const QString& rel, const QString& text);
    double number(const Frame& f);
    double amount(const Frame& f);
    qint64 date(const Frame& f, bool endOfDay);
    void fail(const QString& reason)
    {
        if (!m_error)
            m_error = error(reason);
    }
    Status complete();

    QXmlStreamReader m_xml;
    const QString m_file;
    const EInvoiceLimits m_limits;
    QList<Frame> m_stack;
    EInvoice m_inv;
    std::optional<Error> m_error;
    qint64 m_elements = 0;
    qsizetype m_lineDepth = -1, m_acDepth = -1, m_subDepth = -1, m_propDepth = -1;
    InvoiceAllowanceCharge m_ac;
    InvoiceTaxSubtotal m_sub;
    QString m_propName, m_propValue;
    QSet<QString> m_amountCurrencies;
};

} // namespace capaudit::detail
