// SPDX-License-Identifier: GPL-3.0-or-later
// EN 16931 invoices (UBL 2.1 and CII XML). Properties: hostile XML is refused or read, never expanded; what is read
// survives the stored form unchanged (einvoiceToJson / einvoiceFromJson), and the arithmetic check runs on it.
#include "fuzzsupport.h"
#include "ingest/einvoice.h"

using namespace capaudit;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QByteArray xml = fuzz::bytes(data, size);
    const Result<EInvoice> invoice = parseEInvoice(xml, QStringLiteral("data/invoice.xml"));
    if (!invoice.ok()) {
        if (invoice.error().reason.isEmpty())
            fuzz::fail("a refused invoice names no reason");
        return 0;
    }
    if (invoice->lines.isEmpty() || invoice->id.isEmpty() || invoice->currency.isEmpty())
        fuzz::fail("an invoice without lines, number or currency was accepted");
    const QJsonObject json = einvoiceToJson(*invoice);
    if (einvoiceToJson(einvoiceFromJson(json)) != json)
        fuzz::fail("the stored form of an invoice does not read back unchanged", invoice->id);
    (void)checkEn16931Arithmetic(*invoice);
    return 0;
}
