import Foundation
import Testing

@Suite("gputrain CLI: regression")
struct RegressionCLITests {
    /// `id,x1,x2,y` with y = 3·x1 − 2·x2 + 50 exactly (x to two decimals), so a fitted line predicts it closely.
    func linear(rows: Int, withTarget: Bool = true) -> String {
        var rng = SystemRandomNumberGenerator()
        var lines = [withTarget ? "id,x1,x2,y" : "id,x1,x2"]
        for i in 0..<rows {
            let x1 = Double(rng.next() % 1000) / 100, x2 = Double(rng.next() % 1000) / 100
            lines.append("r\(i),\(x1),\(x2)" + (withTarget ? ",\(3 * x1 - 2 * x2 + 50)" : ""))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    @Test("a numeric target trains as a regression: rmse and mae in the table and the metrics file, predict writes values")
    func trainSavePredict() throws {
        let dir = try emptyDir()
        try linear(rows: 400).write(toFile: dir + "/train.csv", atomically: true, encoding: .utf8)
        let test = linear(rows: 20)
        try test.write(toFile: dir + "/test.csv", atomically: true, encoding: .utf8)
        // The defaults: 320 training rows, so enough epochs for 1,000 AdamW steps.
        let r = try runGPUTrain(["--device", "cpu", "--data", dir + "/train.csv", "--target", "y", "--model", "linear",
                                 "--metrics", dir + "/m.csv", "--save", dir + "/model.json"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("features: target 'y': a regression"), "\(r.stdout)")
        #expect(r.stdout.contains("loss regression, adam, 200 epochs, lr 0.01"), "\(r.stdout)")
        #expect(r.stdout.contains("epoch  train_loss  valid_loss  rmse      mae       time"), "\(r.stdout)")
        let metrics = try String(contentsOfFile: dir + "/m.csv", encoding: .utf8)
        #expect(metrics.hasPrefix("epoch,train_loss,valid_loss,rmse,mae,time_s\n") && metrics.split(separator: "\n").count == 201)
        let p = try runGPUTrain(["predict", "--device", "cpu", "--model", dir + "/model.json", "--data", dir + "/test.csv",
                                 "--out", dir + "/p.csv"])
        #expect(p.status == 0, "\(p.stderr)")
        let predicted = try String(contentsOfFile: dir + "/p.csv", encoding: .utf8).split(separator: "\n")
        #expect(predicted.first == "id,y" && predicted.count == 21)
        // Each prediction within 1 of the truth (y spans about 30…80, sd ~8.5).
        let truth = test.split(separator: "\n").dropFirst().map { Double($0.split(separator: ",")[3])! }
        for (line, y) in zip(predicted.dropFirst(), truth) {
            let value = try #require(Double(line.split(separator: ",")[1]))
            #expect(abs(value - y) < 1, "\(line) vs \(y)")
        }
    }

    @Test("regression options that cannot work are one error line",
          arguments: [(["--monitor", "accuracy"], "--monitor accuracy"), (["--loss", "bce"], "regression"),
                      (["--task", "regression", "--target", "colour"], "colour")])
    func refused(extra: [String], mention: String) throws {
        let dir = try emptyDir()
        var text = linear(rows: 50).split(separator: "\n").map(String.init)
        text[0] += ",colour"
        for i in 1..<text.count { text[i] += i % 2 == 0 ? ",red" : ",blue" }
        try (text.joined(separator: "\n") + "\n").write(toFile: dir + "/d.csv", atomically: true, encoding: .utf8)
        let target = extra.contains("--target") ? [] : ["--target", "y"]
        let r = try runGPUTrain(["--device", "cpu", "--data", dir + "/d.csv", "--epochs", "1", "--metrics", dir + "/m.csv"]
                                + target + extra)
        #expect(r.status != 0)
        let errors = r.stderr.split(separator: "\n").filter { $0.hasPrefix("Error:") }
        #expect(errors.count == 1 && errors[0].contains(mention), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir + "/m.csv"))
    }
}
