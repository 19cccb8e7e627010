using CampaignSync.Simulator.State;

namespace CampaignSync.Simulator.Processing;

/// <summary>Applies the records of one async request in file order and builds its result and error file.</summary>
internal sealed class AsyncRequestProcessor(RecordApplier applier, SimulatorOptions options)
{
    public AsyncResult Process(AsyncRequest request)
    {
        var errors = new List<ErrorLine>();
        long applied = 0;
        foreach (var record in request.Records)
        {
            if (record.Error is not null)
            {
                applier.Count(RecordOutcome.Failed(record.Error.Code, record.Error.Description));
                errors.Add(record.Error);
                continue;
            }

            var outcome = applier.Apply(request.Profile, record.Key, record.Attributes, request.Upsert, request.Link);
            if (outcome.Kind == RecordOutcomeKind.Applied)
            {
                applied++;
            }
            else if (outcome.Kind == RecordOutcomeKind.Failed)
            {
                errors.Add(new ErrorLine(outcome.Code!, outcome.Description!, record.Index));
            }
        }

        var errorFile = errors.Count == 0 ? null : ErrorFileWriter.Write(errors, request.Records.Count, options.ErrorFileFault);
        return new AsyncResult(applied, errorFile);
    }
}
