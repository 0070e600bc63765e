using MediatR;
using Microsoft.EntityFrameworkCore;
using NpsCloud.Contracts.Surveys;

namespace NpsCloud.Surveys.ForOtherModules;

/// <summary>
/// The answer page submitted a test link: the answer stays on the test send (a later one replaces it),
/// never a response, so no figure, follow-up or webhook ever sees it.
/// </summary>
internal sealed class RecordTestAnswerHandler(SurveysDbContext db, TimeProvider clock) : IRequestHandler<RecordTestAnswer, TestAnswer?>
{
    public async Task<TestAnswer?> Handle(RecordTestAnswer request, CancellationToken cancellationToken)
    {
        if (await db.TestSends.FirstOrDefaultAsync(t => t.Id == request.TestSendId, cancellationToken) is not { } test) return null;
        test.AnsweredScore = request.Score;
        if (request.Comment is { } comment) test.AnsweredComment = comment.Length == 0 ? null : comment;
        test.AnsweredAt = clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return new TestAnswer(request.Score, test.AnsweredComment);
    }
}
