;; Event-driven convolution over channel-last (HWC) float64 tensors, with 128-bit SIMD (f64x2):
;; every non-zero input (a spike) adds its weights to the outputs it reaches. The same sums, in the same
;; order, as convEvents in ../kernels.ts, so the results are identical; only the inner loop is vectorized.
;; Weights: [c][ky][kx][o within the group]. `out` arrives holding the bias. Returns the synaptic ops.
(module
  (memory (export "memory") 1)
  (func (export "conv_events")
    (param $x i32) (param $w i32) (param $out i32)
    (param $inH i32) (param $inW i32) (param $inC i32)
    (param $outH i32) (param $outW i32) (param $outC i32)
    (param $kh i32) (param $kw i32) (param $sh i32) (param $sw i32)
    (param $ph i32) (param $pw i32) (param $dh i32) (param $dw i32) (param $groups i32)
    (result f64)
    (local $cPer i32) (local $oPer i32) (local $iy i32) (local $ix i32) (local $c i32) (local $ky i32) (local $kx i32)
    (local $ny i32) (local $nx i32) (local $oy i32) (local $ox i32) (local $g i32) (local $v f64) (local $vv v128)
    (local $wp i32) (local $op i32) (local $end i32) (local $ops f64) (local $xp i32)
    (local.set $cPer (i32.div_u (local.get $inC) (local.get $groups)))
    (local.set $oPer (i32.div_u (local.get $outC) (local.get $groups)))
    (local.set $xp (local.get $x))
    (local.set $iy (i32.const 0))
    (block $doneY (loop $loopY
      (br_if $doneY (i32.ge_s (local.get $iy) (local.get $inH)))
      (local.set $ix (i32.const 0))
      (block $doneX (loop $loopX
        (br_if $doneX (i32.ge_s (local.get $ix) (local.get $inW)))
        (local.set $c (i32.const 0))
        (block $doneC (loop $loopC
          (br_if $doneC (i32.ge_s (local.get $c) (local.get $inC)))
          (local.set $v (f64.load (local.get $xp)))
          (if (f64.ne (local.get $v) (f64.const 0)) (then
            (local.set $vv (f64x2.splat (local.get $v)))
            (local.set $g (i32.div_u (local.get $c) (local.get $cPer)))
            (local.set $ky (i32.const 0))
            (block $doneKY (loop $loopKY
              (br_if $doneKY (i32.ge_s (local.get $ky) (local.get $kh)))
              (local.set $ny (i32.sub (i32.add (local.get $iy) (local.get $ph)) (i32.mul (local.get $ky) (local.get $dh))))
              (if (i32.and
                    (i32.ge_s (local.get $ny) (i32.const 0))
                    (i32.eqz (i32.rem_s (local.get $ny) (local.get $sh)))) (then
                (local.set $oy (i32.div_s (local.get $ny) (local.get $sh)))
                (if (i32.lt_s (local.get $oy) (local.get $outH)) (then
                  (local.set $kx (i32.const 0))
                  (block $doneKX (loop $loopKX
                    (br_if $doneKX (i32.ge_s (local.get $kx) (local.get $kw)))
                    (local.set $nx (i32.sub (i32.add (local.get $ix) (local.get $pw)) (i32.mul (local.get $kx) (local.get $dw))))
                    (if (i32.and
                          (i32.ge_s (local.get $nx) (i32.const 0))
                          (i32.eqz (i32.rem_s (local.get $nx) (local.get $sw)))) (then
                      (local.set $ox (i32.div_s (local.get $nx) (local.get $sw)))
                      (if (i32.lt_s (local.get $ox) (local.get $outW)) (then
                        ;; wp = w + (((c*kh + ky)*kw + kx) * oPer) * 8; op = out + ((oy*outW + ox)*outC + g*oPer) * 8
                        (local.set $wp (i32.add (local.get $w) (i32.shl
                          (i32.mul (i32.add (i32.mul (i32.add (i32.mul (local.get $c) (local.get $kh)) (local.get $ky)) (local.get $kw)) (local.get $kx)) (local.get $oPer))
                          (i32.const 3))))
                        (local.set $op (i32.add (local.get $out) (i32.shl
                          (i32.add (i32.mul (i32.add (i32.mul (local.get $oy) (local.get $outW)) (local.get $ox)) (local.get $outC)) (i32.mul (local.get $g) (local.get $oPer)))
                          (i32.const 3))))
                        (local.set $end (i32.add (local.get $op) (i32.shl (i32.and (local.get $oPer) (i32.const -2)) (i32.const 3))))
                        (block $doneO (loop $loopO
                          (br_if $doneO (i32.ge_u (local.get $op) (local.get $end)))
                          (v128.store (local.get $op)
                            (f64x2.add (v128.load (local.get $op)) (f64x2.mul (local.get $vv) (v128.load (local.get $wp)))))
                          (local.set $op (i32.add (local.get $op) (i32.const 16)))
                          (local.set $wp (i32.add (local.get $wp) (i32.const 16)))
                          (br $loopO)))
                        (if (i32.and (local.get $oPer) (i32.const 1)) (then
                          (f64.store (local.get $op) (f64.add (f64.load (local.get $op)) (f64.mul (local.get $v) (f64.load (local.get $wp)))))))
                        (local.set $ops (f64.add (local.get $ops) (f64.convert_i32_u (local.get $oPer))))))))
                    (local.set $kx (i32.add (local.get $kx) (i32.const 1)))
                    (br $loopKX)))))))
              (local.set $ky (i32.add (local.get $ky) (i32.const 1)))
              (br $loopKY)))))
          (local.set $xp (i32.add (local.get $xp) (i32.const 8)))
          (local.set $c (i32.add (local.get $c) (i32.const 1)))
          (br $loopC)))
        (local.set $ix (i32.add (local.get $ix) (i32.const 1)))
        (br $loopX)))
      (local.set $iy (i32.add (local.get $iy) (i32.const 1)))
      (br $loopY)))
    (local.get $ops)))
