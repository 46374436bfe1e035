package org.deepfig.analysis.transfer;

import java.util.HashSet;
import java.util.List;
import org.deepfig.config.ConfigValueException;
import org.deepfig.config.Doc;
import org.deepfig.config.FigureSpec;

@Doc("How transferable the features of each block are (Yosinski et al. 2014): the classes are split into halves A "
    + "and B, a base network is trained on each, then for every cut n a network for B takes its first n blocks "
    + "from base B (BnB) or base A (AnB), frozen or fine-tuned (+), the rest re-initialised and trained on B. Test "
    + "accuracy on B against n, each run a dot and the mean a line. Zoo models only (it retrains); every training "
    + "is cached on its own.")
public record TransferSpec(
    @Doc(value = "The classes of half A, by name; the others are half B", defText = "a seeded random half")
    List<String> split,
    @Doc(value = "Trainings per variant and cut, each seeded differently", def = "1", min = "1", max = "10")
    Integer repeats,
    @Doc(value = "Epochs of every training here (base networks and transfers)", defText = "train.epochs", min = "1",
        max = "1000")
    Integer epochs,
    @Doc(value = "The cuts n to train, counted in blocks of the model (a convolution or dense layer with the "
        + "activation and pooling after it, or a residual block)", defText = "every block but the last", min = "1")
    List<Integer> cuts) implements FigureSpec {
  public TransferSpec {
    split = split == null ? null : List.copyOf(split);
    cuts = cuts == null ? null : List.copyOf(cuts);
    ConfigValueException.check(split == null || !split.isEmpty(), "split", "split names no class",
        "name the classes of half A, or leave split out for a seeded random half");
    ConfigValueException.check(split == null || new HashSet<>(split).size() == split.size(), "split",
        "split names a class twice", "name each class of half A once");
    ConfigValueException.check(cuts == null || !cuts.isEmpty(), "cuts", "cuts is empty",
        "list cuts such as [1, 2, 3], or leave cuts out for every block");
  }
}
