import GPUTrain
import Testing

@Suite struct ReportTableTests {
    let table = MetricsTable()

    @Test func headerIsFastaiColumns() {
        #expect(table.header() == "epoch  train_loss  valid_loss  accuracy  error_rate  time")
    }

    @Test func rowIsAlignedUnderHeader() {
        let r = EpochRecord(epoch: 0, trainLoss: 0.693147, validLoss: 0.512345, accuracy: 0.78125, seconds: 3.7)
        let row = table.row(r)
        #expect(row == "0      0.693147    0.512345    0.781250  0.218750    00:03")
        // Every value starts where its column title starts.
        let header = table.header()
        for (title, value) in zip(MetricsTable.columns, ["0", "0.693147", "0.512345", "0.781250", "0.218750", "00:03"]) {
            let col = header.range(of: title)!.lowerBound.utf16Offset(in: header)
            let at = row.range(of: value)!.lowerBound.utf16Offset(in: row)
            #expect(col == at, "\(title)")
        }
    }

    @Test func rowRoundsToSixDecimalsAndLongTimes() {
        let r = EpochRecord(epoch: 12, trainLoss: 1.23456789, validLoss: 10, accuracy: 1, seconds: 3725.9)
        #expect(table.row(r) == "12     1.234568    10.000000   1.000000  0.000000    1:02:05")
    }

    @Test func errorRateDefaultsToOneMinusAccuracy() {
        #expect(EpochRecord(epoch: 0, trainLoss: 1, validLoss: 1, accuracy: 0.75, seconds: 0).errorRate == 0.25)
    }

    @Test func renderIsHeaderThenRows() {
        let lines = table.render(sampleRecords).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 5)  // header, 3 rows, and the empty string after the last newline
        #expect(lines[0] == table.header())
        #expect(lines[3] == table.row(sampleRecords[2]))
        #expect(lines[4] == "")
    }

    @Test func summaryNamesBestEpochsAndThroughput() {
        #expect(table.summary(sampleRecords, rowsPerEpoch: 1000)
            == "best valid_loss 0.300000 at epoch 1; best accuracy 0.900000 at epoch 2; 3 epochs in 00:30, 100 rows/s")
        #expect(table.summary(Array(sampleRecords.prefix(1)))
            == "best valid_loss 0.500000 at epoch 0; best accuracy 0.800000 at epoch 0; 1 epoch in 00:10")
        #expect(table.summary([]) == "no epochs run")
    }

    @Test func summarySkipsDivergedEpochs() {
        let records = [
            EpochRecord(epoch: 0, trainLoss: .nan, validLoss: .nan, accuracy: .nan, seconds: 1),
            EpochRecord(epoch: 1, trainLoss: 2, validLoss: 2, accuracy: 0.5, seconds: 1),
        ]
        #expect(table.summary(records).hasPrefix("best valid_loss 2.000000 at epoch 1; best accuracy 0.500000 at epoch 1"))
    }

    @Test func formats() {
        #expect(ReportFormat.duration(0) == "00:00")
        #expect(ReportFormat.duration(65.9) == "01:05")
        #expect(ReportFormat.duration(3600) == "1:00:00")
        #expect(ReportFormat.duration(.nan) == "--:--")
        #expect(ReportFormat.duration(-1) == "--:--")
        #expect(ReportFormat.rate(812.4) == "812")
        #expect(ReportFormat.rate(3.14159) == "3.14")
        #expect(ReportFormat.rate(45_200) == "45.2k")
        #expect(ReportFormat.rate(999.6) == "1.00k")
        #expect(ReportFormat.rate(1_234_567) == "1.23M")
        #expect(ReportFormat.rate(2.5e9) == "2.50G")
    }
}
