// exceljs: write a workbook to a buffer and read it back (fixed dates, no clock).
const ExcelJS = require('exceljs')

async function main() {
  const wb = new ExcelJS.Workbook()
  wb.creator = 'compat'
  wb.created = new Date(Date.UTC(2024, 0, 2))
  wb.modified = new Date(Date.UTC(2024, 0, 3))
  const ws = wb.addWorksheet('Sales')
  ws.columns = [{ header: 'Item', key: 'item', width: 12 }, { header: 'Qty', key: 'qty' }, { header: 'Price', key: 'price' }]
  ws.addRow({ item: 'apple', qty: 3, price: 0.5 })
  ws.addRow({ item: 'pear', qty: 2, price: 0.75 })
  ws.getCell('D1').value = 'Total'
  ws.getCell('D2').value = { formula: 'B2*C2', result: 1.5 }
  ws.getCell('A1').font = { bold: true }
  ws.mergeCells('A5:C5')
  ws.getCell('A5').value = 'merged'
  const buffer = await wb.xlsx.writeBuffer()
  console.log('xlsx bytes > 0:', buffer.byteLength > 0)
  const back = new ExcelJS.Workbook()
  await back.xlsx.load(buffer)
  const sheet = back.getWorksheet('Sales')
  sheet.eachRow((row, n) => console.log(n, JSON.stringify(row.values)))
  console.log(sheet.getCell('A1').font.bold, sheet.getCell('D2').formula, sheet.getCell('B5').isMerged, back.creator)
  const csv = await wb.csv.writeBuffer()
  console.log(csv.toString().trim())
}
main()
