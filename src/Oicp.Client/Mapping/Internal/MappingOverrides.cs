namespace Oicp.Client.Mapping.Internal;

/// <summary>Validates the overrides of <see cref="EvseStatusMappingOptions"/> and folds them into lookup tables.</summary>
internal static class MappingOverrides
{
    public static EvseStatus[] Apply<TSource>(EvseStatus[] defaults, IDictionary<TSource, EvseStatus> overrides, WireNameTable<TSource> sources)
        where TSource : struct, Enum
    {
        var table = (EvseStatus[])defaults.Clone();
        foreach (var (source, target) in overrides)
        {
            var name = sources.NameOf(source, nameof(overrides));
            table[WireNameTable<TSource>.IndexOf(source)] = CheckTarget(target, $"{sources.TypeDescription} {name}");
        }

        return table;
    }

    public static OcpiMappingResult[] ApplyOcpi(OcpiMappingResult[] defaults, IDictionary<OcpiEvseStatus, EvseStatus> overrides)
    {
        var table = (OcpiMappingResult[])defaults.Clone();
        foreach (var (source, target) in overrides)
        {
            var index = OcpiWireNames.Statuses.CheckDefined(source, nameof(overrides));
            if (!defaults[index].IsLive)
            {
                throw new ArgumentException(
                    $"OCPI {source.ToWireString()} cannot be overridden: it is not the status of a live EVSE, so the mapper reports it as not live for the caller to handle.",
                    nameof(overrides));
            }

            table[index] = OcpiMappingResult.Live(CheckTarget(target, $"OCPI 2.2.1 EVSE Status {source.ToWireString()}"));
        }

        return table;
    }

    public static EvseStatus CheckTarget(EvseStatus target, string what)
    {
        if (target == EvseStatus.EvseNotFound)
        {
            throw new ArgumentException(
                $"{what} cannot map to EvseNotFound: that status is meant for pull answers and a CPO never pushes it.", nameof(target));
        }

        return OicpWireNames.IsDefined(target)
            ? target
            : throw new ArgumentException($"{what} maps to {target}, which is not a defined EvseStatus.", nameof(target));
    }
}
